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

    /** {@code dst[i] = src[i]} for {@code i in [from, to)} (index lists: online to target network copy). */
    public static void copyInts(int[] src, int[] dst, int from, int to) {
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

    /**
     * Transposes one matrix {@code src[rows][cols]} to {@code dst[cols][rows]} tile by tile, for large
     * matrices: a tile of {@code tile x tile} source elements stays in L1 while it is read column-wise.
     * Parallel over blocks of {@code tile} destination rows, {@code block in [from, to)}.
     */
    public static void transposeTiled(float[] src, float[] dst, int rows, int cols, int tile, int from, int to) {
        for (@Parallel int block = from; block < to; block++) {
            int c0 = block * tile;
            int c1 = Math.min(c0 + tile, cols);
            for (int r0 = 0; r0 < rows; r0 += tile) {
                int r1 = Math.min(r0 + tile, rows);
                for (int c = c0; c < c1; c++) {
                    for (int r = r0; r < r1; r++) {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
    }
}
