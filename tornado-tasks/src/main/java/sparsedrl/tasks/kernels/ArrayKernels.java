package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/** Copies, conversions and transposes of flat arrays. */
public final class ArrayKernels {

    private ArrayKernels() {
    }

    /** {@code dst[i] = src[i]} for {@code i in [from, to)} (online to target network copy). */
    public static void copy(float[] src, float[] dst, int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            dst[i] = src[i];
        }
    }

    /** {@code dst[i] = src[i]} widened to double, {@code i in [from, to)} (axpy operands, see {@link ConvKernels}). */
    public static void toDouble(float[] src, double[] dst, int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            dst[i] = src[i];
        }
    }

    /** uint8 input to float: {@code out[i] = (in[i] & 0xFF) * scale}, {@code i in [from, to)}. */
    public static void scaleBytes(byte[] in, float scale, float[] out, int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            out[i] = (in[i] & 0xFF) * scale;
        }
    }

    /**
     * Transposes {@code mats} matrices stored back to back: {@code src[m][r][c]} to {@code dst[m][c][r]}.
     * Parallel over destination rows {@code m*cols + c}, in {@code [from, to)}.
     */
    public static void transpose(float[] src, float[] dst, int rows, int cols, int from, int to) {
        for (@Parallel int dRow = from; dRow < to; dRow++) {
            int m = dRow / cols;
            int c = dRow - m * cols;
            int s = m * rows * cols + c;
            int d = dRow * rows;
            for (int r = 0; r < rows; r++) {
                dst[d + r] = src[s + r * cols];
            }
        }
    }

    /** {@link #transpose} writing doubles (axpy operands, see {@link ConvKernels}). */
    public static void transposeToDouble(float[] src, double[] dst, int rows, int cols, int from, int to) {
        for (@Parallel int dRow = from; dRow < to; dRow++) {
            int m = dRow / cols;
            int c = dRow - m * cols;
            int s = m * rows * cols + c;
            int d = dRow * rows;
            for (int r = 0; r < rows; r++) {
                dst[d + r] = src[s + r * cols];
            }
        }
    }
}
