package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Fully connected layer {@code out[b][o] = sum_i in[b][i] * w[i][o]} on batch-major rows. Bias and
 * ReLU are separate kernels ({@link ActivationKernels}). As in {@link ConvKernels}, each axpy stores
 * to an array of one element type and loads from an array of the other, so that the JIT vectorises it.
 */
public final class DenseKernels {

    private DenseKernels() {
    }

    /**
     * Forward over the first {@code count} rows. Parallel over blocks of {@code colsPerBlock} output
     * columns, {@code block in [from, to)}: each weight row segment is read once from memory and used
     * for every sample while it sits in cache (the kernel is far larger than the batch). Sums are
     * accumulated in {@code acc} (same shape as {@code out}, double precision) and rounded once.
     */
    public static void forward(float[] in, float[] w, double[] acc, float[] out, int count, int inN, int outN,
                               int colsPerBlock, int from, int to) {
        for (@Parallel int block = from; block < to; block++) {
            int c0 = block * colsPerBlock;
            int c1 = Math.min(c0 + colsPerBlock, outN);
            for (int b = 0; b < count; b++) {
                for (int c = c0; c < c1; c++) {
                    acc[b * outN + c] = 0.0;
                }
            }
            for (int i = 0; i < inN; i++) {
                int wb = i * outN;
                for (int b = 0; b < count; b++) {
                    float a = in[b * inN + i];
                    if (a != 0f) {
                        int ob = b * outN;
                        for (int c = c0; c < c1; c++) {
                            acc[ob + c] += a * w[wb + c];
                        }
                    }
                }
            }
            for (int b = 0; b < count; b++) {
                for (int c = c0; c < c1; c++) {
                    out[b * outN + c] = (float) acc[b * outN + c];
                }
            }
        }
    }

    /**
     * Gradient w.r.t. the weights over the first {@code count} rows:
     * {@code dW[i][o] = sum_b in[b][i] * dOut[b][o]}, the output gradient given as doubles
     * ({@link ArrayKernels#toDouble}). Parallel over weight rows {@code i in [from, to)}.
     */
    public static void backwardWeights(float[] in, double[] dOut, float[] dW, int count, int inN, int outN,
                                       int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            int wb = i * outN;
            for (int o = 0; o < outN; o++) {
                dW[wb + o] = 0f;
            }
            for (int b = 0; b < count; b++) {
                float a = in[b * inN + i];
                if (a != 0f) {
                    int g = b * outN;
                    for (int o = 0; o < outN; o++) {
                        dW[wb + o] += a * (float) dOut[g + o];
                    }
                }
            }
        }
    }

    /**
     * Gradient w.r.t. the input from the transposed kernel {@code wT[o][i]}
     * ({@link ArrayKernels#transpose}): {@code dIn[b][i] = sum_o dOut[b][o] * wT[o][i]}, summed in
     * {@code acc} (doubles, same shape as {@code dIn}) so the inner loop runs over a long block of
     * input features and skips the zero output gradients that a ReLU leaves. Parallel over blocks of
     * {@code colsPerBlock} input features, {@code block in [from, to)}.
     */
    public static void backwardInput(float[] dOut, float[] wT, double[] acc, float[] dIn, int count, int inN,
                                     int outN, int colsPerBlock, int from, int to) {
        for (@Parallel int block = from; block < to; block++) {
            int c0 = block * colsPerBlock;
            int c1 = Math.min(c0 + colsPerBlock, inN);
            for (int b = 0; b < count; b++) {
                int d = b * inN;
                for (int c = c0; c < c1; c++) {
                    acc[d + c] = 0.0;
                }
                for (int o = 0; o < outN; o++) {
                    float a = dOut[b * outN + o];
                    if (a != 0f) {
                        int wb = o * inN;
                        for (int c = c0; c < c1; c++) {
                            acc[d + c] += a * wT[wb + c];
                        }
                    }
                }
                for (int c = c0; c < c1; c++) {
                    dIn[d + c] = (float) acc[d + c];
                }
            }
        }
    }
}
