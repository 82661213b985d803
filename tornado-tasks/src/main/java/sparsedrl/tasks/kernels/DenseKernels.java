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
     * Gradient w.r.t. the input, produced transposed: {@code dInT[i][b] = sum_o w[i][o] * dOutT[o][b]}
     * with {@code dOutT} the output gradient transposed to {@code [outN][count]} as doubles
     * ({@link ArrayKernels#transposeToDouble}). Both transposed
     * layouts make the inner loop contiguous over the batch while each weight row is read once.
     * Parallel over input features {@code i in [from, to)}.
     */
    public static void backwardInputTransposed(double[] dOutT, float[] w, float[] dInT, int count, int inN,
                                               int outN, int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            int d = i * count;
            for (int b = 0; b < count; b++) {
                dInT[d + b] = 0f;
            }
            int wb = i * outN;
            for (int o = 0; o < outN; o++) {
                float a = w[wb + o];
                if (a != 0f) {
                    int g = o * count;
                    for (int b = 0; b < count; b++) {
                        dInT[d + b] += a * (float) dOutT[g + b];
                    }
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
}
