package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Fully connected layer {@code out[b][o] = sum_i in[b][i] * w[i][o]} on batch-major rows. Bias and
 * ReLU are separate kernels ({@link ActivationKernels}).
 */
public final class DenseKernels {

    private DenseKernels() {
    }

    /**
     * Forward over the first {@code count} rows. Parallel over blocks of {@code colsPerBlock} output
     * columns, {@code block in [from, to)}: each weight row segment is read once from memory and used
     * for every sample while it sits in cache (the kernel is far larger than the batch).
     */
    public static void forward(float[] in, float[] w, float[] out, int count, int inN, int outN,
                               int colsPerBlock, int from, int to) {
        for (@Parallel int block = from; block < to; block++) {
            int c0 = block * colsPerBlock;
            int c1 = Math.min(c0 + colsPerBlock, outN);
            for (int b = 0; b < count; b++) {
                for (int c = c0; c < c1; c++) {
                    out[b * outN + c] = 0f;
                }
            }
            for (int i = 0; i < inN; i++) {
                int wb = i * outN;
                for (int b = 0; b < count; b++) {
                    float a = in[b * inN + i];
                    if (a != 0f) {
                        int ob = b * outN;
                        for (int c = c0; c < c1; c++) {
                            out[ob + c] += a * w[wb + c];
                        }
                    }
                }
            }
        }
    }

    /**
     * Gradient w.r.t. the input, produced transposed: {@code dInT[i][b] = sum_o w[i][o] * dOutT[o][b]}
     * with {@code dOutT} the output gradient transposed to {@code [outN][count]}. Both transposed
     * layouts make the inner loop contiguous over the batch while each weight row is read once.
     * Parallel over input features {@code i in [from, to)}.
     */
    public static void backwardInputTransposed(float[] dOutT, float[] w, float[] dInT, int count, int inN,
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
                        dInT[d + b] += a * dOutT[g + b];
                    }
                }
            }
        }
    }

    /**
     * Gradient w.r.t. the weights over the first {@code count} rows:
     * {@code dW[i][o] = sum_b in[b][i] * dOut[b][o]}. Parallel over weight rows {@code i in [from, to)}.
     */
    public static void backwardWeights(float[] in, float[] dOut, float[] dW, int count, int inN, int outN,
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
                        dW[wb + o] += a * dOut[g + o];
                    }
                }
            }
        }
    }
}
