package sparsedrl.tasks.backend;

import sparsedrl.tasks.net.NetworkState;

/**
 * A Q-network bound to a backend: online and target parameters, masks and Adam state, with work
 * buffers sized for one batch. The agent and the sparsity code use only this interface.
 *
 * <p>Host/device protocol: {@link #state()} holds the host arrays. After {@link #pull()} they reflect
 * the device; after changing them on the host (init, masks, restored checkpoint) call
 * {@link #push()}. On the JVM backend both are no-ops because the host arrays are the device.
 */
public interface QNetwork extends AutoCloseable {

    NetworkState state();

    /** Batch size the work buffers were sized for. */
    int batchSize();

    /** Copies device state into {@link #state()} (weights, masks, Adam moments, gradients). */
    void pull();

    /** Copies {@link #state()} to the device. */
    void push();

    /**
     * Online-network Q-values for {@code count <= batchSize()} states (uint8 NHWC, back to back),
     * written to {@code qOut[count * actions]}.
     */
    void qValues(byte[] states, int count, float[] qOut);

    /**
     * One DQN gradient update on a batch: online forward/backward, target forward, TD loss
     * (r + gamma * max_a Q_target(s',a) * (1 - terminal)), Adam step, weights multiplied by masks.
     *
     * @param keepDenseGradient when true, the dense weight gradient of this batch is kept in
     *                          {@code LayerParams.weightGrad} for every position (RigL grow steps);
     *                          when false a backend may compute it only at active positions
     * @return the mean loss over the batch
     */
    float update(TransitionBatch batch, float gamma, boolean keepDenseGradient);

    /** Hard copy online -> target. */
    void syncTarget();

    /** Multiplies every kernel by its mask (after the host changed masks or weights). */
    void applyMasks();

    /**
     * Dormant-neuron statistics: for each hidden ReLU layer (in {@code spec().hiddenLayers()} order),
     * the mean |post-ReLU activation| of each unit/channel over the {@code count} given states (and
     * spatial positions for convs), written to {@code out[layer][unit]}.
     */
    void unitActivationMeans(byte[] states, int count, float[][] out);

    /**
     * Launches and host/device copies of one {@link #update} (without a dense weight gradient), for
     * backends that run on a device; null on the JVM backend, where the host arrays are the device.
     */
    default UpdateTraffic updateTraffic() {
        return null;
    }

    @Override
    void close();
}
