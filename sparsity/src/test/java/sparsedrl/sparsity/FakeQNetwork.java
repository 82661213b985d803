package sparsedrl.sparsity;

import java.util.SplittableRandom;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;

/**
 * Test double over a host NetworkState: pull/push only count calls; {@link #update} stands in for a
 * gradient step with seeded random gradients and a plain sign step (it is not DQN), then masks the
 * weights as the contract requires; when the dense gradient is not requested the gradient at inactive
 * positions is left at 0, as a sparse backend may do. Activation means are a fixed function of the
 * input bytes so that chunked averaging can be checked independently.
 */
final class FakeQNetwork implements QNetwork {
    private final NetworkState state;
    private final int batchSize;
    private final SplittableRandom rng;
    int pulls;
    int pushes;
    int applyMaskCalls;

    FakeQNetwork(NetworkSpec spec, int batchSize, long seed) {
        this.state = new NetworkState(spec);
        this.state.initXavier(seed);
        this.batchSize = batchSize;
        this.rng = new SplittableRandom(seed + 1);
    }

    @Override
    public NetworkState state() {
        return state;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void pull() {
        pulls++;
    }

    @Override
    public void push() {
        pushes++;
    }

    @Override
    public void qValues(byte[] states, int count, float[] qOut) {
        throw new UnsupportedOperationException("the sparsity tests never ask for Q-values");
    }

    @Override
    public float update(TransitionBatch batch, float gamma, boolean keepDenseGradient) {
        state.adamStep++;
        for (LayerParams p : state.layers) {
            for (int i = 0; i < p.weight.length; i++) {
                boolean active = p.mask[i] != 0f;
                float g = (float) rng.nextGaussian();
                p.weightGrad[i] = active || keepDenseGradient ? g : 0f;
                p.weightM[i] = 0.9f * p.weightM[i] + 0.1f * p.weightGrad[i];
                p.weightV[i] = 0.999f * p.weightV[i] + 0.001f * p.weightGrad[i] * p.weightGrad[i];
                p.weight[i] = (p.weight[i] - 1e-3f * Math.signum(p.weightM[i])) * p.mask[i];
            }
        }
        return 0f;
    }

    @Override
    public void syncTarget() {
        state.copyOnlineToTarget();
    }

    @Override
    public void applyMasks() {
        applyMaskCalls++;
        for (LayerParams p : state.layers) {
            for (int i = 0; i < p.weight.length; i++) {
                p.weight[i] *= p.mask[i];
            }
        }
    }

    /** Unit u of hidden layer l, on one state: (l + 1) * byte[u mod inputSize] of that state. */
    @Override
    public void unitActivationMeans(byte[] states, int count, float[][] out) {
        if (count > batchSize) {
            throw new IllegalArgumentException("count " + count + " > batch " + batchSize);
        }
        int in = state.spec.inputSize();
        for (int l = 0; l < out.length; l++) {
            for (int u = 0; u < out[l].length; u++) {
                double s = 0;
                for (int b = 0; b < count; b++) {
                    s += (l + 1) * (states[b * in + u % in] & 0xFF);
                }
                out[l][u] = (float) (s / count);
            }
        }
    }

    @Override
    public void close() {
    }
}
