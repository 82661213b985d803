package sparsedrl.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IqmTest {

    @Test
    void eightValuesDropTwoAtEachEnd() {
        // sorted 1..8, cut = 2: mean of 3,4,5,6.
        assertEquals(4.5, Iqm.of(new double[] {8, 1, 7, 2, 6, 3, 5, 4}), 1e-12);
    }

    @Test
    void fiveValuesDropOneAtEachEnd() {
        // scipy.stats.trim_mean([0, 1, 2, 100, -50], 0.25) = mean(0, 1, 2) = 1.
        assertEquals(1.0, Iqm.of(new double[] {0, 1, 2, 100, -50}), 1e-12);
    }

    @Test
    void threeValuesAreAPlainMean() {
        // int(0.75) = 0: nothing trimmed.
        assertEquals(4.0, Iqm.of(new double[] {1, 2, 9}), 1e-12);
    }
}
