package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tolerance rule and mask check that the TornadoVM equivalence test and compare-backends rely on. */
class ProbeComparisonTest {

    private static ProbeResult result(float[] weight, float[] mask, float[] q) {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put("l.weight", weight);
        arrays.put("l.targetWeight", weight.clone());
        arrays.put("l.mask", mask);
        arrays.put("l.weightGrad", new float[] {1f, -1f, 0.5f});
        return new ProbeResult("x", new float[] {1f}, q, new float[] {q[0]}, new float[][] {{1f}}, arrays, 3, 1);
    }

    @Test
    void identicalResultsPass() {
        ProbeResult a = result(new float[] {0.5f, 0f, -0.25f}, new float[] {1, 0, 1}, new float[] {1f, 2f});
        assertTrue(ProbeComparison.compare(a, a).stream().allMatch(ProbeComparison.Line::ok));
        assertTrue(ProbeComparison.maskViolations(a).isEmpty());
    }

    @Test
    void aDifferenceWithinRtolPassesAndBeyondFails() {
        float[] q = {1000f, 2f};
        ProbeResult ref = result(new float[] {0.5f, 0f, -0.25f}, new float[] {1, 0, 1}, q);
        // 1000 * 1e-4 = 0.1 allowed relative part, plus 1e-5 * 1000 = 0.01 of scale: 0.05 passes, 0.2 fails.
        ProbeResult close = result(new float[] {0.5f, 0f, -0.25f}, new float[] {1, 0, 1}, new float[] {1000.05f, 2f});
        ProbeResult far = result(new float[] {0.5f, 0f, -0.25f}, new float[] {1, 0, 1}, new float[] {1000.2f, 2f});
        assertTrue(line(ProbeComparison.compare(ref, close), "qValues").ok());
        ProbeComparison.Line bad = line(ProbeComparison.compare(ref, far), "qValues");
        assertFalse(bad.ok());
        assertEquals(0, bad.worstIndex());
    }

    @Test
    void masksMustMatchExactly() {
        ProbeResult ref = result(new float[] {0.5f, 0f, -0.25f}, new float[] {1, 0, 1}, new float[] {1f, 2f});
        ProbeResult other = result(new float[] {0.5f, 0f, -0.25f}, new float[] {1, 1, 1}, new float[] {1f, 2f});
        assertFalse(line(ProbeComparison.compare(ref, other), "l.mask").ok());
    }

    @Test
    void aNonzeroWeightUnderAMaskIsReported() {
        ProbeResult r = result(new float[] {0.5f, 1e-30f, -0.25f}, new float[] {1, 0, 1}, new float[] {1f, 2f});
        assertEquals(List.of("l.weight[1]=1.0E-30", "l.targetWeight[1]=1.0E-30"), ProbeComparison.maskViolations(r));
    }

    @Test
    void nanNeverPasses() {
        ProbeResult ref = result(new float[] {0.5f, 0f, -0.25f}, new float[] {1, 0, 1}, new float[] {1f, 2f});
        ProbeResult nan = result(new float[] {Float.NaN, 0f, -0.25f}, new float[] {1, 0, 1}, new float[] {1f, 2f});
        assertFalse(line(ProbeComparison.compare(ref, nan), "l.weight").ok());
    }

    private static ProbeComparison.Line line(List<ProbeComparison.Line> lines, String what) {
        return lines.stream().filter(l -> l.what().equals(what)).findFirst().orElseThrow();
    }
}
