package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Kernels that compute a masked layer over its active weights only. The kernel is seen as a matrix
 * {@code [rows][cols]} (dense {@code [in][out]}, conv {@code [kh*kw*inC][outC]}); its active entries
 * are listed twice: by column ({@code colStart}, {@code colRow}: rows of column c are
 * {@code colRow[colStart[c] .. colStart[c+1])}) and by row ({@code rowStart}, {@code rowCol}). Values
 * are gathered into the same order ({@code gatherValues}) once per weight change, and each entry carries
 * the offset of the row of operands it multiplies, so the inner loops are long contiguous axpys or
 * dots. Every output element is written by exactly one iteration, in a fixed
 * order, so results do not depend on how the range is split.
 */
public final class SparseKernels {

    /** Blocks (samples) per pass of the weight gradient over a slice of rows. */
    public static final int WEIGHT_GRAD_BLOCKS = 4;

    private SparseKernels() {
    }

    /** {@code values[j] = weight[flat[j]]} for {@code j in [from, to)}. */
    public static void gatherValues(float[] weight, int[] flat, float[] values, int from, int to) {
        for (@Parallel int j = from; j < to; j++) {
            values[j] = weight[flat[j]];
        }
    }

    /**
     * {@code dst[dOff + c*dStride + r] = src[sOff + r*sStride + c]} for {@code r < rows}, {@code c < cols}:
     * a strided block transposed in 16 x 16 tiles, so both sides stay in a few cache lines per tile.
     */
    public static void transpose(float[] src, int sOff, int sStride, float[] dst, int dOff, int dStride,
                                 int rows, int cols) {
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    int s = sOff + r * sStride;
                    for (int c = c0; c < c1; c++) {
                        dst[dOff + c * dStride + r] = src[s + c];
                    }
                }
            }
        }
    }

    private static final int TILE = 16;

    /**
     * Per sample {@code b in [from, to)}: copies between the NHWC image {@code image[b]} and its stride
     * phases {@code phases[b * sampleStride + ((py*stride + px)*inC + ic) * phaseH*phaseW + y*phaseW + x]}
     * = the zero-padded image at {@code (y*stride + py, x*stride + px, ic)} (padded coordinates start
     * {@code padTop}/{@code padLeft} before the image). Tap (ky, kx, ic) of output (oy, ox) is then
     * phase (ky % s, kx % s, ic) at (oy + ky / s, ox + kx / s). {@code toPhases} 1: image to phases;
     * the padding positions are not written (they depend on the shapes only: the caller keeps them 0).
     * {@code toPhases} 0: phases to image (an input gradient; pixels no phase covers get 0).
     */
    public static void phaseCopy(float[] image, float[] phases, int sampleStride, int toPhases, int inH, int inW,
                                 int inC, int stride, int padTop, int padLeft, int phaseH, int phaseW,
                                 int from, int to) {
        int plane = phaseH * phaseW;
        int imageSize = inH * inW * inC;
        boolean covers = inH + padTop <= phaseH * stride && inW + padLeft <= phaseW * stride;
        int step = stride * inC;
        for (@Parallel int b = from; b < to; b++) {
            int imageBase = b * imageSize;
            if (toPhases == 0 && !covers) {
                for (int i = 0; i < imageSize; i++) {
                    image[imageBase + i] = 0f;
                }
            }
            // One image row at a time (all phase columns px and channels read it), so it stays in L1.
            for (int py = 0; py < stride; py++) {
                for (int y = 0; y < phaseH; y++) {
                    int iy = y * stride + py - padTop;
                    if (iy < 0 || iy >= inH) {
                        continue;
                    }
                    for (int px = 0; px < stride; px++) {
                        // phase columns x whose image column x*stride + px - padLeft lies in [0, inW)
                        int x0 = Math.min(phaseW, Math.max(0, Math.ceilDiv(padLeft - px, stride)));
                        int x1 = Math.max(x0, Math.min(phaseW, Math.ceilDiv(inW + padLeft - px, stride)));
                        int d = b * sampleStride + (py * stride + px) * inC * plane + y * phaseW;
                        int s = imageBase + (iy * inW + x0 * stride + px - padLeft) * inC;
                        // the longer of the two loops innermost: channels (contiguous in the image) or columns
                        if (inC >= x1 - x0) {
                            for (int x = x0; x < x1; x++) {
                                int sx = s + (x - x0) * step;
                                for (int ic = 0; ic < inC; ic++) {
                                    if (toPhases == 1) {
                                        phases[d + ic * plane + x] = image[sx + ic];
                                    } else {
                                        image[sx + ic] = phases[d + ic * plane + x];
                                    }
                                }
                            }
                        } else {
                            for (int ic = 0; ic < inC; ic++) {
                                int dc = d + ic * plane;
                                for (int x = x0; x < x1; x++) {
                                    if (toPhases == 1) {
                                        phases[dc + x] = image[s + (x - x0) * step + ic];
                                    } else {
                                        image[s + (x - x0) * step + ic] = phases[dc + x];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * For each item {@code blk * lists + l} in {@code [from, to)}: the row
     * {@code y[blk*yBlock + yOffsets[l] .. + len)} is set to (accumulate 0) or increased by (1) the sum
     * over the entries j of list l ({@code start[l] <= j < start[l+1]}, in order) of
     * {@code values[j] * x[blk*xBlock + offsets[j] .. + len)}. With the column lists this is the forward
     * pass (x = transposed input or stride phases), with the row lists the input gradient (x = the
     * transposed output gradient). Items of one block that accumulate into overlapping rows must run
     * in order on one thread.
     */
    public static void combineLists(float[] x, int xBlock, float[] values, int[] start, int[] offsets, float[] y,
                                    int yBlock, int[] yOffsets, int lists, int len, int accumulate,
                                    int from, int to) {
        for (@Parallel int item = from; item < to; item++) {
            int blk = item / lists;
            int l = item - blk * lists;
            int o = blk * yBlock + yOffsets[l];
            int xBase = blk * xBlock;
            if (accumulate == 0) {
                for (int i = 0; i < len; i++) {
                    y[o + i] = 0f;
                }
            }
            for (int j = start[l]; j < start[l + 1]; j++) {
                float v = values[j];
                int s = xBase + offsets[j];
                for (int i = 0; i < len; i++) {
                    y[o + i] += v * x[s + i];
                }
            }
        }
    }

    /**
     * Weight gradient at the active positions of rows {@code r in [from, to)}: {@code dW[rowFlat[j]]} =
     * sum over blocks (in order) of the dot product of {@code x[blk*xBlock + xOffsets[r] .. + len)} and
     * {@code g[blk*gBlock + rowCol[j]*gStride .. + len)}. Inactive positions are not touched.
     */
    public static void activeWeightGrad(float[] x, int xBlock, int[] xOffsets, float[] g, int gBlock, int gStride,
                                        int[] rowStart, int[] rowCol, int[] rowFlat, float[] dW, int blocks,
                                        int len, int from, int to) {
        for (@Parallel int r = from; r < to; r++) {
            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                dW[rowFlat[j]] = 0f;
            }
        }
        // Blocks of samples outermost: their operand rows stay in cache across the rows of this slice;
        // each dW element still sums over blocks in ascending order.
        for (int blk0 = 0; blk0 < blocks; blk0 += WEIGHT_GRAD_BLOCKS) {
            int blk1 = Math.min(blocks, blk0 + WEIGHT_GRAD_BLOCKS);
            for (int r = from; r < to; r++) {
                for (int blk = blk0; blk < blk1; blk++) {
                    int xs = blk * xBlock + xOffsets[r];
                    for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                        int gs = blk * gBlock + rowCol[j] * gStride;
                        // Four partial sums: independent chains for the CPU, a fixed order for determinism.
                        float s0 = 0f;
                        float s1 = 0f;
                        float s2 = 0f;
                        float s3 = 0f;
                        int i = 0;
                        for (; i + 3 < len; i += 4) {
                            s0 += x[xs + i] * g[gs + i];
                            s1 += x[xs + i + 1] * g[gs + i + 1];
                            s2 += x[xs + i + 2] * g[gs + i + 2];
                            s3 += x[xs + i + 3] * g[gs + i + 3];
                        }
                        for (; i < len; i++) {
                            s0 += x[xs + i] * g[gs + i];
                        }
                        dW[rowFlat[j]] += (s0 + s1) + (s2 + s3);
                    }
                }
            }
        }
    }
}
