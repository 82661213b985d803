package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Kernels that compute a masked layer over its active weights only. The kernel is seen as a matrix
 * {@code [rows][cols]} (dense {@code [in][out]}, conv {@code [kh*kw*inC][outC]}); its active entries
 * are listed twice: by column ({@code colStart}, {@code colRow}: rows of column c are
 * {@code colRow[colStart[c] .. colStart[c+1])}) and by row ({@code rowStart}, {@code rowCol}). Values
 * are gathered into the same order ({@code gatherValues}) once per call, so the inner loops are long
 * contiguous axpys or dots. Every output element is written by exactly one iteration, in a fixed
 * order, so results do not depend on how the range is split.
 */
public final class SparseKernels {

    private SparseKernels() {
    }

    /** {@code values[j] = weight[flat[j]]} for {@code j in [from, to)}. */
    public static void gatherValues(float[] weight, int[] flat, float[] values, int from, int to) {
        for (@Parallel int j = from; j < to; j++) {
            values[j] = weight[flat[j]];
        }
    }

    /**
     * Transposes each block {@code [rows][cols] -> [cols][rows]} of {@code src}; the range is over
     * {@code block * rows + r}, i.e. the rows of all blocks.
     */
    public static void transposeBlocks(float[] src, float[] dst, int rows, int cols, int from, int to) {
        int size = rows * cols;
        for (@Parallel int item = from; item < to; item++) {
            int blk = item / rows;
            int r = item - blk * rows;
            int s = blk * size + r * cols;
            int d = blk * size + r;
            for (int c = 0; c < cols; c++) {
                dst[d + c * rows] = src[s + c];
            }
        }
    }

    /**
     * Per sample {@code b in [from, to)}: the zero-padded NHWC input split into stride phases,
     * {@code phases[b][py][px][ic][y][x] = padded[y*stride + py][x*stride + px][ic]} with
     * {@code y < phaseH}, {@code x < phaseW} (padded coordinates start {@code padTop}/{@code padLeft}
     * before the image). Tap (ky, kx) of output (oy, ox) is then phase (ky % s, kx % s) at
     * (oy + ky / s, ox + kx / s): every patch row is a contiguous copy.
     */
    public static void toPhases(float[] in, float[] phases, int inH, int inW, int inC, int stride, int padTop,
                                int padLeft, int phaseH, int phaseW, int from, int to) {
        int plane = phaseH * phaseW;
        int perSample = stride * stride * inC * plane;
        for (@Parallel int b = from; b < to; b++) {
            int inBase = b * inH * inW * inC;
            for (int y = 0; y < phaseH * stride; y++) {
                int iy = y - padTop;
                for (int x = 0; x < phaseW * stride; x++) {
                    int ix = x - padLeft;
                    int d = b * perSample + ((y % stride) * stride + x % stride) * inC * plane + (y / stride) * phaseW
                            + x / stride;
                    boolean inside = iy >= 0 && iy < inH && ix >= 0 && ix < inW;
                    int s = inBase + (iy * inW + ix) * inC;
                    for (int ic = 0; ic < inC; ic++) {
                        phases[d + ic * plane] = inside ? in[s + ic] : 0f;
                    }
                }
            }
        }
    }

    /**
     * Inverse of {@link #toPhases} for a gradient: {@code gradIn[b]} = the phases without the padding, 0
     * for pixels outside the phases.
     */
    public static void fromPhases(float[] phases, float[] gradIn, int inH, int inW, int inC, int stride, int padTop,
                                  int padLeft, int phaseH, int phaseW, int from, int to) {
        int plane = phaseH * phaseW;
        int perSample = stride * stride * inC * plane;
        for (@Parallel int b = from; b < to; b++) {
            int outBase = b * inH * inW * inC;
            for (int iy = 0; iy < inH; iy++) {
                int y = iy + padTop;
                for (int ix = 0; ix < inW; ix++) {
                    int x = ix + padLeft;
                    int s = b * perSample + ((y % stride) * stride + x % stride) * inC * plane + (y / stride) * phaseW
                            + x / stride;
                    int d = outBase + (iy * inW + ix) * inC;
                    // pixels beyond the phases' extent are seen by no tap (VALID remainder)
                    boolean covered = y < phaseH * stride && x < phaseW * stride;
                    for (int ic = 0; ic < inC; ic++) {
                        gradIn[d + ic] = covered ? phases[s + ic * plane] : 0f;
                    }
                }
            }
        }
    }

    /**
     * Per sample {@code b in [from, to)}: the transposed patch matrix {@code patches[b][tap][position]}
     * ({@code tap = (ky*k + kx)*inC + ic}) from the stride phases of {@link #toPhases}.
     */
    public static void patchesT(float[] phases, float[] patches, int inC, int outH, int outW, int k, int stride,
                                int phaseH, int phaseW, int from, int to) {
        int positions = outH * outW;
        int taps = k * k * inC;
        int plane = phaseH * phaseW;
        for (@Parallel int b = from; b < to; b++) {
            for (int t = 0; t < taps; t++) {
                int ic = t % inC;
                int kx = (t / inC) % k;
                int ky = t / (inC * k);
                int row = (b * taps + t) * positions;
                int src = (((b * stride + ky % stride) * stride + kx % stride) * inC + ic) * plane
                        + (ky / stride) * phaseW + kx / stride;
                for (int oy = 0; oy < outH; oy++) {
                    int s = src + oy * phaseW;
                    int d = row + oy * outW;
                    for (int ox = 0; ox < outW; ox++) {
                        patches[d + ox] = phases[s + ox];
                    }
                }
            }
        }
    }

    /**
     * Per sample {@code b in [from, to)}: the input gradient as stride phases (see {@link #toPhases}) =
     * the sum of the patch gradients {@code patchGrad[b][tap][position]} over the pixels they came from
     * (col2im), tap by tap in a fixed order.
     */
    public static void scatterPatchesT(float[] patchGrad, float[] phases, int inC, int outH, int outW, int k,
                                       int stride, int phaseH, int phaseW, int from, int to) {
        int positions = outH * outW;
        int taps = k * k * inC;
        int plane = phaseH * phaseW;
        int perSample = stride * stride * inC * plane;
        for (@Parallel int b = from; b < to; b++) {
            for (int i = 0; i < perSample; i++) {
                phases[b * perSample + i] = 0f;
            }
            for (int t = 0; t < taps; t++) {
                int ic = t % inC;
                int kx = (t / inC) % k;
                int ky = t / (inC * k);
                int row = (b * taps + t) * positions;
                int dst = (((b * stride + ky % stride) * stride + kx % stride) * inC + ic) * plane
                        + (ky / stride) * phaseW + kx / stride;
                for (int oy = 0; oy < outH; oy++) {
                    int d = dst + oy * phaseW;
                    int s = row + oy * outW;
                    for (int ox = 0; ox < outW; ox++) {
                        phases[d + ox] += patchGrad[s + ox];
                    }
                }
            }
        }
    }

    /**
     * For each column {@code c in [from, to)} of every block: {@code outT[blk][c][0..len)} = sum over the
     * active rows r of c of {@code value * x[blk][r][0..len)}. Blocks are samples (conv: x = patches,
     * len = positions) or a single block (dense: x = input transposed, len = batch).
     */
    public static void columnsAxpy(float[] x, float[] values, int[] colStart, int[] colRow, float[] outT,
                                   int blocks, int rows, int cols, int len, int from, int to) {
        for (@Parallel int item = from; item < to; item++) {
            int blk = item / cols;
            int c = item - blk * cols;
            int o = (blk * cols + c) * len;
            int xBase = blk * rows * len;
            for (int i = 0; i < len; i++) {
                outT[o + i] = 0f;
            }
            for (int j = colStart[c]; j < colStart[c + 1]; j++) {
                float v = values[j];
                int s = xBase + colRow[j] * len;
                for (int i = 0; i < len; i++) {
                    outT[o + i] += v * x[s + i];
                }
            }
        }
    }

    /**
     * For each row {@code r in [from, to)} of every block: {@code xGrad[blk][r][0..len)} = sum over the
     * active columns c of r of {@code value * gT[blk][c][0..len)} (input or patch gradient).
     */
    public static void rowsAxpy(float[] gT, float[] values, int[] rowStart, int[] rowCol, float[] xGrad,
                                int blocks, int rows, int cols, int len, int from, int to) {
        for (@Parallel int item = from; item < to; item++) {
            int blk = item / rows;
            int r = item - blk * rows;
            int o = (blk * rows + r) * len;
            int gBase = blk * cols * len;
            for (int i = 0; i < len; i++) {
                xGrad[o + i] = 0f;
            }
            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                float v = values[j];
                int s = gBase + rowCol[j] * len;
                for (int i = 0; i < len; i++) {
                    xGrad[o + i] += v * gT[s + i];
                }
            }
        }
    }

    /**
     * Weight gradient at the active positions of rows {@code r in [from, to)}:
     * {@code dW[rowFlat[j]]} = sum over blocks and i of {@code x[blk][r][i] * gT[blk][rowCol[j]][i]}.
     * Inactive positions are not touched.
     */
    public static void activeWeightGrad(float[] x, float[] gT, int[] rowStart, int[] rowCol, int[] rowFlat,
                                        float[] dW, int blocks, int rows, int cols, int len, int from, int to) {
        for (@Parallel int r = from; r < to; r++) {
            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                dW[rowFlat[j]] = 0f;
            }
            for (int blk = 0; blk < blocks; blk++) {
                int xs = (blk * rows + r) * len;
                int gBase = blk * cols * len;
                for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                    int gs = gBase + rowCol[j] * len;
                    // Four partial sums: independent chains for the CPU, a fixed order for determinism.
                    float s0 = 0f;
                    float s1 = 0f;
                    float s2 = 0f;
                    float s3 = 0f;
                    int i = 0;
                    for (; i + 3 < len; i += 4) {
                        s0 += x[xs + i] * gT[gs + i];
                        s1 += x[xs + i + 1] * gT[gs + i + 1];
                        s2 += x[xs + i + 2] * gT[gs + i + 2];
                        s3 += x[xs + i + 3] * gT[gs + i + 3];
                    }
                    for (; i < len; i++) {
                        s0 += x[xs + i] * gT[gs + i];
                    }
                    dW[rowFlat[j]] += (s0 + s1) + (s2 + s3);
                }
            }
        }
    }
}
