package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.kernels.ActivationKernels;

/**
 * The part every layer shares: bias and ReLU after the linear map, and their backward (ReLU mask on
 * the gradient, bias gradient as a per-channel sum). Activations are seen as rows x channels.
 */
final class LayerTail {
    /** Elements per slice for element-wise kernels. */
    private static final int ELEMENT_GRAIN = 8192;
    /** Channels per parallel iteration of the channel sums: one cache line of floats. */
    private static final int CHANNEL_BLOCK = 16;

    private final WorkerPool pool;
    private final int channels;
    private final int addBias;
    private final int relu;
    private final float[] noBias = new float[1];

    private float[] x;
    private float[] act;
    private float[] bias;
    private float[] sums;
    private int rows;
    private int absolute;
    private float scale;

    private final RangeTask biasReluTask;
    private final RangeTask reluBackwardTask;
    private final RangeTask channelSumsTask;

    LayerTail(WorkerPool pool, int channels, boolean hasBias, boolean hasRelu) {
        this.pool = pool;
        this.channels = channels;
        this.addBias = hasBias ? 1 : 0;
        this.relu = hasRelu ? 1 : 0;
        biasReluTask = (from, to) ->
                ActivationKernels.biasRelu(x, bias, channels, addBias, relu, from, to);
        reluBackwardTask = (from, to) -> ActivationKernels.reluBackward(act, x, from, to);
        channelSumsTask = (from, to) ->
                ActivationKernels.channelSums(x, rows, channels, absolute, scale, sums, CHANNEL_BLOCK, from, to);
    }

    /** Adds the bias (when the layer has one) and applies the ReLU (when it has one) to {@code rows} rows. */
    void forward(float[] out, float[] layerBias, int rowCount) {
        if (addBias == 0 && relu == 0) {
            return;
        }
        x = out;
        bias = layerBias == null ? noBias : layerBias;
        pool.run(rowCount, Math.max(1, ELEMENT_GRAIN / channels), biasReluTask);
        x = null;
        bias = null;
    }

    /**
     * {@link #forward} on channel-major rows {@code out[offset + c*rowLength ..+rowLength)} of all
     * channels, in the calling thread: for a layer that computes its output by channel rows and applies
     * the tail while they are in cache, before transposing.
     */
    void forwardByChannel(float[] out, int offset, int rowLength, float[] layerBias) {
        ActivationKernels.biasReluByChannel(out, offset, rowLength, layerBias == null ? noBias : layerBias, addBias,
                relu, 0, channels);
    }

    /** Turns the output gradient into the pre-activation gradient and writes the bias gradient. */
    void backward(float[] out, float[] gradOut, float[] biasGrad, int rowCount) {
        if (relu == 1) {
            x = gradOut;
            act = out;
            pool.run(rowCount * channels, ELEMENT_GRAIN, reluBackwardTask);
            act = null;
        }
        if (addBias == 1) {
            channelSums(gradOut, rowCount, false, 1f, biasGrad);
        }
        x = null;
    }

    /** Mean |activation| per channel over {@code rowCount} rows (dormant-neuron statistics). */
    void meanAbs(float[] out, int rowCount, float[] result) {
        channelSums(out, rowCount, true, 1f / rowCount, result);
    }

    private void channelSums(float[] data, int rowCount, boolean abs, float factor, float[] result) {
        x = data;
        rows = rowCount;
        absolute = abs ? 1 : 0;
        scale = factor;
        sums = result;
        pool.run((channels + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK, 1, channelSumsTask);
        x = null;
        sums = null;
    }
}
