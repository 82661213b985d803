package sparsedrl.tasks.backend.tornado;

import java.util.ArrayList;
import java.util.List;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * A Q-network on a TornadoVM device. Weights, biases, targets, masks, Adam moments and gradients
 * live on the device between calls (see {@link DeviceGraphs}); {@link #state()} is the host copy,
 * brought up to date by {@link #pull()} and sent down by {@link #push()}.
 */
final class TornadoQNetwork implements QNetwork {

    private final NetworkState state;
    private final int batchSize;
    private final DeviceGraphs graphs;

    TornadoQNetwork(NetworkSpec spec, int batchSize, AdamConfig adam, LossKind loss, TornadoDevice device) {
        this.state = new NetworkState(spec);
        this.batchSize = batchSize;
        this.graphs = new DeviceGraphs("q" + System.identityHashCode(this), sharedArrays(state), device);
        graphs.open();
    }

    /** Every state array the device keeps, in a fixed order. */
    static List<float[]> sharedArrays(NetworkState s) {
        List<float[]> out = new ArrayList<>();
        for (LayerParams p : s.layers) {
            for (float[] a : new float[][] {p.weight, p.targetWeight, p.mask, p.weightM, p.weightV, p.weightGrad,
                p.bias, p.targetBias, p.biasM, p.biasV, p.biasGrad}) {
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
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
        graphs.pull();
    }

    @Override
    public void push() {
        graphs.push();
    }

    @Override
    public void qValues(byte[] states, int count, float[] qOut) {
        throw new UnsupportedOperationException("tornado backend: qValues not available yet");
    }

    @Override
    public float update(TransitionBatch batch, float gamma, boolean keepDenseGradient) {
        throw new UnsupportedOperationException("tornado backend: update not available yet");
    }

    @Override
    public void syncTarget() {
        throw new UnsupportedOperationException("tornado backend: syncTarget not available yet");
    }

    @Override
    public void applyMasks() {
        throw new UnsupportedOperationException("tornado backend: applyMasks not available yet");
    }

    @Override
    public void unitActivationMeans(byte[] states, int count, float[][] out) {
        throw new UnsupportedOperationException("tornado backend: unitActivationMeans not available yet");
    }

    @Override
    public void close() {
        graphs.close();
    }
}
