package sparsedrl.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void fiveValuesUseTheTableQuantileWithFourDegreesOfFreedom() {
        // mean 3, s = sqrt(2.5); t(0.975, 4) = 2.776 from a printed t table.
        Interval ci = StudentT.meanInterval95(new double[] {1, 2, 3, 4, 5});
        double half = 2.776 * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(3.0, ci.estimate(), 1e-12);
        assertEquals(3.0 - half, ci.low(), 1e-3);
        assertEquals(3.0 + half, ci.high(), 1e-3);
    }

    @Test
    void twoValuesUseTwelvePointSevenOne() {
        // t(0.975, 1) = 12.706; values 10 and 14: mean 12, s = 2*sqrt(2), se = 2.
        Interval ci = StudentT.meanInterval95(new double[] {10, 14});
        assertEquals(12 - 12.706 * 2, ci.low(), 1e-2);
        assertEquals(12 + 12.706 * 2, ci.high(), 1e-2);
    }

    @Test
    void oneValueHasNoInterval() {
        Interval ci = StudentT.meanInterval95(new double[] {7});
        assertEquals(7.0, ci.estimate());
        assertFalse(ci.hasBounds());
        assertTrue(ci.format().contains("n/a"));
    }

    @Test
    void noValuesGiveNaN() {
        assertTrue(Double.isNaN(StudentT.meanInterval95(new double[0]).estimate()));
    }
}
