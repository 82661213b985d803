package sparsedrl.tasks.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * TD loss and gradient against hand-computed values. Batch of 2, 2 actions, gamma 0.9:
 * sample 0: Q(s,1)=2, Qtarget(s')=[1,3], r=0.5, not terminal: target 3.2, delta -1.2;
 * sample 1: Q(s,0)=1.5, Qtarget(s')=[4,-1], r=1, terminal: target 1, delta 0.5.
 */
class LossKernelsTest {

    private static final float[] Q = {7f, 2f, 1.5f, -3f};
    private static final float[] Q_NEXT = {1f, 3f, 4f, -1f};
    private static final int[] ACTIONS = {1, 0};
    private static final float[] REWARDS = {0.5f, 1f};
    private static final float[] TERMINALS = {0f, 1f};

    private static float[][] run(int kind) {
        float[] dQ = {9f, 9f, 9f, 9f};
        float[] loss = new float[2];
        LossKernels.tdLoss(Q, Q_NEXT, ACTIONS, REWARDS, TERMINALS, 0.9f, kind, 2, 2, dQ, loss, 0, 2);
        return new float[][] {loss, dQ};
    }

    @Test
    void mseIsTheSquaredErrorWithoutOneHalf() {
        float[][] r = run(LossKernels.MSE);
        assertArrayEquals(new float[] {1.44f, 0.25f}, r[0], 1e-5f);
        // d(delta^2)/dQ / batch: 2 * -1.2 / 2 and 2 * 0.5 / 2, zero for the other actions
        assertArrayEquals(new float[] {0f, -1.2f, 0.5f, 0f}, r[1], 1e-5f);
    }

    @Test
    void huberIsQuadraticInsideOneAndLinearOutside() {
        float[][] r = run(LossKernels.HUBER);
        assertArrayEquals(new float[] {0.7f, 0.125f}, r[0], 1e-5f);
        assertArrayEquals(new float[] {0f, -0.5f, 0.25f, 0f}, r[1], 1e-5f);
    }
}
