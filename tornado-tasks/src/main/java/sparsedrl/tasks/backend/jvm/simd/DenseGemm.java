package sparsedrl.tasks.backend.jvm.simd;

/**
 * A dense layer {@code out[b][o] = sum_i in[b][i] * w[i][o]} as matrix products on {@link FloatGemm}.
 * Sums run over the inner index in ascending order in float: the weight gradient
 * ({@code dW[i][o] = sum_b in[b][i] * dOut[b][o]}) is exactly that of {@code DenseKernels}; forward
 * and input gradient, which the plain kernels accumulate in double, differ from them by float
 * rounding. Each method is a slice {@code [from, to)} of a parallel loop over disjoint outputs.
 */
public final class DenseGemm {
    /** Output columns per forward item: half a KiB of each kernel row, read as a stream. */
    public static final int COLUMNS = 128;
    /** Weight rows per weight-gradient item. */
    public static final int WEIGHT_ROWS = FloatGemm.ROWS * 4;
    /** Input features per input-gradient item. */
    public static final int INPUT_ROWS = FloatGemm.ROWS * 8;

    private final int inN;
    private final int outN;

    public DenseGemm(int inN, int outN) {
        this.inN = inN;
        this.outN = outN;
    }

    /** Whether the output width fits the vector tiles (any input width does). */
    public static boolean supports(int outN) {
        return FloatGemm.fits(outN);
    }

    public int forwardItems() {
        return (outN + COLUMNS - 1) / COLUMNS;
    }

    public int weightItems() {
        return (inN + WEIGHT_ROWS - 1) / WEIGHT_ROWS;
    }

    /** Output columns of items {@code [from, to)} for the first {@code count} rows. */
    public void forward(float[] in, float[] w, float[] out, int count, int from, int to) {
        int c0 = from * COLUMNS;
        int c1 = Math.min(outN, to * COLUMNS);
        FloatGemm.multiply(in, 0, inN, w, c0, outN, out, c0, outN, count, c1 - c0, inN);
    }

    /** Weight-gradient rows of items {@code [from, to)} over the first {@code count} samples. */
    public void weightGradient(float[] in, float[] dOut, float[] dW, int count, int from, int to) {
        int r0 = from * WEIGHT_ROWS;
        int r1 = Math.min(inN, to * WEIGHT_ROWS);
        FloatGemm.multiplyTransposedA(in, r0, inN, dOut, 0, outN, dW, r0 * outN, outN, r1 - r0, outN, count);
    }

    /** Leading dimension of the transposed batch buffers: the batch size rounded up to whole vectors. */
    public static int transposedWidth(int batchSize) {
        int l = FloatGemm.lanes();
        return (batchSize + l - 1) / l * l;
    }

    public int inputItems() {
        return (inN + INPUT_ROWS - 1) / INPUT_ROWS;
    }

    /** {@code dOutT[o][b] = dOut[b][o]} for the first {@code count} samples (the padding stays zero). */
    public void transposeGradient(float[] dOut, float[] dOutT, int width, int count) {
        for (int b = 0; b < count; b++) {
            for (int o = 0; o < outN; o++) {
                dOutT[o * width + b] = dOut[b * outN + o];
            }
        }
    }

    /**
     * Input gradient, transposed, for the feature rows of items {@code [from, to)}:
     * {@code dInT[i][b] = sum_o w[i][o] * dOutT[o][b]}. Reads the kernel row by row as it lies (no
     * transposed copy of the largest array); o ascending, as in the plain kernel.
     */
    public void inputGradientTransposed(float[] w, float[] dOutT, float[] dInT, int width, int from, int to) {
        int r0 = from * INPUT_ROWS;
        int r1 = Math.min(inN, to * INPUT_ROWS);
        FloatGemm.multiply(w, r0 * outN, outN, dOutT, 0, width, dInT, r0 * width, width, r1 - r0, width, outN);
    }

    /** {@code dIn[b][i] = dInT[i][b]} for samples {@code b in [from, to)}. */
    public void untransposeInput(float[] dInT, float[] dIn, int width, int from, int to) {
        for (int b = from; b < to; b++) {
            for (int i = 0; i < inN; i++) {
                dIn[b * inN + i] = dInT[i * width + b];
            }
        }
    }
}
