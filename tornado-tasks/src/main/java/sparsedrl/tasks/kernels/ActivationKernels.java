package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Element-wise layer tails (bias, ReLU) and per-channel sums (bias gradient, dormant-neuron
 * statistics) on activations seen as {@code rows x channels} (rows = batch x positions).
 */
public final class ActivationKernels {

    private ActivationKernels() {
    }

    /**
     * {@code x[r][c] = relu?(x[r][c] + bias?[c])}: adds the bias when {@code addBias} is 1 (pass any
     * non-null array otherwise) and clamps at zero when {@code relu} is 1. Parallel over rows
     * {@code r in [from, to)}.
     */
    public static void biasRelu(float[] x, float[] bias, int channels, int addBias, int relu, int from, int to) {
        for (@Parallel int r = from; r < to; r++) {
            int base = r * channels;
            if (addBias == 1) {
                for (int c = 0; c < channels; c++) {
                    x[base + c] += bias[c];
                }
            }
            if (relu == 1) {
                for (int c = 0; c < channels; c++) {
                    x[base + c] = Math.max(x[base + c], 0f);
                }
            }
        }
    }

    /**
     * {@link #biasRelu} on channel-major activations: {@code x[offset + c*rowLength + i] =
     * relu?(x[...] + bias?[c])} for channels {@code c in [from, to)} and {@code i < rowLength} (a layer
     * that computes its output one channel row at a time applies its tail before transposing).
     */
    public static void biasReluByChannel(float[] x, int offset, int rowLength, float[] bias, int addBias, int relu,
                                         int from, int to) {
        for (@Parallel int c = from; c < to; c++) {
            int base = offset + c * rowLength;
            if (addBias == 1) {
                float b = bias[c];
                for (int i = 0; i < rowLength; i++) {
                    x[base + i] += b;
                }
            }
            if (relu == 1) {
                for (int i = 0; i < rowLength; i++) {
                    x[base + i] = Math.max(x[base + i], 0f);
                }
            }
        }
    }

    /**
     * Backward of ReLU in place: {@code grad[i] = act[i] > 0 ? grad[i] : 0} where {@code act} is the
     * ReLU output, {@code i in [from, to)}.
     */
    public static void reluBackward(float[] act, float[] grad, int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            grad[i] = act[i] > 0f ? grad[i] : 0f;
        }
    }

    /**
     * Per-channel sums of channel-major activations (a bias gradient, one sample at a time):
     * {@code out[outOffset + c] = sum over i < rowLength of x[offset + c*rowLength + i]} for
     * {@code c in [from, to)}, in four interleaved partial sums (a fixed order).
     */
    public static void channelRowSums(float[] x, int offset, int rowLength, float[] out, int outOffset,
                                      int from, int to) {
        for (@Parallel int c = from; c < to; c++) {
            int base = offset + c * rowLength;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int i = 0;
            for (; i + 3 < rowLength; i += 4) {
                s0 += x[base + i];
                s1 += x[base + i + 1];
                s2 += x[base + i + 2];
                s3 += x[base + i + 3];
            }
            for (; i < rowLength; i++) {
                s0 += x[base + i];
            }
            out[outOffset + c] = (s0 + s1) + (s2 + s3);
        }
    }

    /**
     * {@code out[c] = scale * sum over r < rows of f(x[r][c])}, f the identity ({@code absolute} 0:
     * the bias gradient, scale 1) or the absolute value ({@code absolute} 1: mean |activation| per
     * unit with scale 1/rows). Parallel over blocks of {@code channelsPerBlock} channels,
     * {@code block in [from, to)}, so that each row is read a cache line at a time.
     */
    public static void channelSums(float[] x, int rows, int channels, int absolute, float scale, float[] out,
                                   int channelsPerBlock, int from, int to) {
        for (@Parallel int block = from; block < to; block++) {
            int c0 = block * channelsPerBlock;
            int c1 = Math.min(c0 + channelsPerBlock, channels);
            for (int c = c0; c < c1; c++) {
                out[c] = 0f;
            }
            for (int r = 0; r < rows; r++) {
                int base = r * channels;
                for (int c = c0; c < c1; c++) {
                    float v = x[base + c];
                    out[c] += absolute == 1 ? Math.abs(v) : v;
                }
            }
            for (int c = c0; c < c1; c++) {
                out[c] = out[c] * scale;
            }
        }
    }
}
