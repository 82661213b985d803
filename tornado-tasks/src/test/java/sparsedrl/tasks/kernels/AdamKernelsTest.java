package sparsedrl.tasks.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Adam against values worked out by hand from the Optax formulas (epsilon outside the root). */
class AdamKernelsTest {

    private static final float LR = 0.1f;
    private static final float B1 = 0.9f;
    private static final float B2 = 0.999f;
    /** Large on purpose: epsilon inside the root would give 0.9155 after step 1, not 0.91667. */
    private static final float EPS = 0.1f;

    private static void step(float[] w, float[] g, float[] m, float[] v, float[] mask, int useMask, int t) {
        AdamKernels.step(w, g, m, v, mask, useMask, LR, B1, B2, 0.1f, 0.001f, EPS,
                (float) (1 - Math.pow(B1, t)), (float) (1 - Math.pow(B2, t)), 0, w.length);
    }

    @Test
    void indexedStepUpdatesTheListedElementsOnly() {
        // elements 0 and 2 as in the hand-computed first step (g=0.5 from w=1: 0.9166667; g=0: w stays);
        // element 1 and 3 carry sentinels that must survive
        float[] w = {1f, 7f, 1f, 8f};
        float[] g = {0.5f, 3f, 0f, 4f};
        float[] m = {0f, Float.NaN, 0f, 5f};
        float[] v = {0f, Float.NaN, 0f, 6f};
        float[] mask = {1f, 1f, 1f, 1f};
        AdamKernels.stepAt(w, g, m, v, mask, 1, LR, B1, B2, 0.1f, 0.001f, EPS, (float) (1 - B1), (float) (1 - B2),
                new int[] {2, 0, 3}, 0, 2);
        assertEquals(0.9166667f, w[0], 1e-6f);
        assertEquals(0.05f, m[0], 1e-7f);
        assertEquals(0.00025f, v[0], 1e-9f);
        assertEquals(1f, w[2], 0f);
        assertEquals(0f, m[2], 0f);
        assertArrayEquals(new float[] {7f, 8f}, new float[] {w[1], w[3]}, 0f);
        assertArrayEquals(new float[] {Float.NaN, 5f}, new float[] {m[1], m[3]}, 0f);
        assertArrayEquals(new float[] {Float.NaN, 6f}, new float[] {v[1], v[3]}, 0f);
    }

    @Test
    void negativeIndicesArePaddingAndTouchNothing() {
        float[] w = {1f, 7f};
        float[] g = {0.5f, 3f};
        float[] m = {0f, 5f};
        float[] v = {0f, 6f};
        float[] mask = {1f, 1f};
        AdamKernels.stepAt(w, g, m, v, mask, 1, LR, B1, B2, 0.1f, 0.001f, EPS, (float) (1 - B1), (float) (1 - B2),
                new int[] {0, -1, -1}, 0, 3);
        assertEquals(0.9166667f, w[0], 1e-6f);
        assertArrayEquals(new float[] {7f, 5f, 6f}, new float[] {w[1], m[1], v[1]}, 0f);
    }

    @Test
    void twoStepsMatchHandComputedValues() {
        float[] w = {1f};
        float[] m = {0f};
        float[] v = {0f};
        float[] mask = {1f};
        // t=1, g=0.5: m=0.05, v=0.00025, mhat=0.5, vhat=0.25, w = 1 - 0.1*0.5/(0.5+0.1) = 0.9166667
        step(w, new float[] {0.5f}, m, v, mask, 1, 1);
        assertEquals(0.05f, m[0], 1e-7f);
        assertEquals(0.00025f, v[0], 1e-9f);
        assertEquals(0.9166667f, w[0], 1e-6f);
        // t=2, g=-1: m=-0.055, v=0.00124975, mhat=-0.2894737, vhat=0.6251876, w = 0.9491667
        step(w, new float[] {-1f}, m, v, mask, 1, 2);
        assertEquals(-0.055f, m[0], 1e-7f);
        assertEquals(0.00124975f, v[0], 1e-8f);
        assertEquals(0.9491667f, w[0], 1e-6f);
    }

    @Test
    void maskedWeightsStayExactlyZeroWhileMomentsStillMove() {
        float[] w = {0f, 0.3f, -0.2f};
        float[] m = new float[3];
        float[] v = new float[3];
        float[] mask = {0f, 1f, 0f};
        for (int t = 1; t <= 50; t++) {
            step(w, new float[] {0.7f, -0.4f, -2f}, m, v, mask, 1, t);
            assertEquals(0f, w[0], 0f);
            assertEquals(0f, w[2], 0f);
        }
        assertEquals(true, w[1] > 0.3f, "active weight moves against its gradient");
        assertEquals(true, m[0] > 0f, "masked position still accumulates moments");
    }

    @Test
    void withoutMaskTheMaskArrayIsIgnored() {
        float[] w = {1f};
        float[] zeros = {0f};
        step(w, new float[] {0.5f}, new float[1], new float[1], zeros, 0, 1);
        assertEquals(0.9166667f, w[0], 1e-6f);
    }

    @Test
    void complementRoundsLikeOptax() {
        assertEquals(0.001f, AdamKernels.complement(0.999f), 0f);
        assertEquals(0.1f, AdamKernels.complement(0.9f), 0f);
    }

    @Test
    void resetMomentsZeroesOnlyTheGivenIndices() {
        float[] m = {1f, 2f, 3f, 4f};
        float[] v = {5f, 6f, 7f, 8f};
        AdamKernels.resetMoments(m, v, new int[] {3, 1, 0}, 0, 2);
        assertArrayEquals(new float[] {1f, 0f, 3f, 0f}, m);
        assertArrayEquals(new float[] {5f, 0f, 7f, 0f}, v);
    }
}
