package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * 2-D convolution on NHWC activations with a {@code [k][k][inC][outC]} kernel, square kernel and
 * stride, zero padding given as the low pad of each axis ({@code padTop}, {@code padLeft}: 0 for
 * VALID, the XLA low pad for SAME). Bias and ReLU are separate kernels ({@link ActivationKernels}).
 *
 * <p>The innermost loops run over the contiguous channel axis ({@code outC} for forward and weight
 * gradient, {@code inC} for the input gradient) as an axpy. The operand that the axpy reads is a
 * {@code double[]} copy holding the same float values, and the product is taken in float: the
 * arithmetic is exactly that of an all-float loop, but the JIT (C2) can see that the array it stores
 * to is not the one it loads from (different element types) and vectorises the loop, which it
 * refuses for two {@code float[]} at different offsets. Zero inputs (ReLU outputs, zero gradients)
 * skip their axpy: adding zero changes nothing.
 */
public final class ConvKernels {

    private ConvKernels() {
    }

    /**
     * {@code out[b][oy][ox][co] = sum over ky,kx,ci of in[b][iy][ix][ci] * w[ky][kx][ci][co]}, with
     * {@code iy = oy*stride - padTop + ky} (same for x); out-of-range input positions count as zero.
     * Parallel over output rows {@code row = b*outH + oy}, {@code row in [from, to)}.
     *
     * @param w the kernel as doubles ({@link ArrayKernels#toDouble})
     */
    public static void forward(float[] in, double[] w, float[] out,
                               int inH, int inW, int inC, int outH, int outW, int outC,
                               int k, int stride, int padTop, int padLeft, int from, int to) {
        for (@Parallel int row = from; row < to; row++) {
            int b = row / outH;
            int oy = row - b * outH;
            int outRow = row * outW * outC;
            for (int i = 0; i < outW * outC; i++) {
                out[outRow + i] = 0f;
            }
            for (int ky = 0; ky < k; ky++) {
                int iy = oy * stride - padTop + ky;
                if (iy >= 0 && iy < inH) {
                    int inRow = (b * inH + iy) * inW * inC;
                    for (int ox = 0; ox < outW; ox++) {
                        int o = outRow + ox * outC;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride - padLeft + kx;
                            if (ix >= 0 && ix < inW) {
                                int inBase = inRow + ix * inC;
                                int wBase = (ky * k + kx) * inC * outC;
                                for (int ci = 0; ci < inC; ci++) {
                                    float a = in[inBase + ci];
                                    if (a != 0f) {
                                        int wb = wBase + ci * outC;
                                        for (int co = 0; co < outC; co++) {
                                            out[o + co] += a * (float) w[wb + co];
                                        }
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
     * Gradient w.r.t. the input, gathered per input row so that each iteration owns its outputs:
     * {@code dIn[b][iy][ix][ci] = sum over (ky,kx,co) with iy = oy*stride - padTop + ky of
     * dOut[b][oy][ox][co] * w[ky][kx][ci][co]}. Reads the kernel transposed, {@code wT[ky][kx][co][ci]}
     * as doubles (see {@link ArrayKernels#transposeToDouble}), so the inner loop is contiguous over
     * {@code ci}. Parallel over input rows {@code row = b*inH + iy}, {@code row in [from, to)}.
     */
    public static void backwardInput(float[] dOut, double[] wT, float[] dIn,
                                     int inH, int inW, int inC, int outH, int outW, int outC,
                                     int k, int stride, int padTop, int padLeft, int from, int to) {
        for (@Parallel int row = from; row < to; row++) {
            int b = row / inH;
            int iy = row - b * inH;
            int inRow = row * inW * inC;
            for (int i = 0; i < inW * inC; i++) {
                dIn[inRow + i] = 0f;
            }
            for (int ky = 0; ky < k; ky++) {
                int ty = iy + padTop - ky;
                int oy = ty / stride;
                if (ty >= 0 && oy * stride == ty && oy < outH) {
                    int gRow = (b * outH + oy) * outW * outC;
                    for (int ix = 0; ix < inW; ix++) {
                        int d = inRow + ix * inC;
                        for (int kx = 0; kx < k; kx++) {
                            int tx = ix + padLeft - kx;
                            int ox = tx / stride;
                            if (tx >= 0 && ox * stride == tx && ox < outW) {
                                int gBase = gRow + ox * outC;
                                int wBase = (ky * k + kx) * outC * inC;
                                for (int co = 0; co < outC; co++) {
                                    float g = dOut[gBase + co];
                                    if (g != 0f) {
                                        int wb = wBase + co * inC;
                                        for (int ci = 0; ci < inC; ci++) {
                                            dIn[d + ci] += g * (float) wT[wb + ci];
                                        }
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
     * Gradient w.r.t. the kernel over the first {@code count} samples:
     * {@code dW[ky][kx][ci][co] = sum over b,oy,ox of in[b][iy][ix][ci] * dOut[b][oy][ox][co]}.
     * The kernel is seen as {@code k*k*inC} rows of {@code outC}; parallel over blocks of
     * {@code rowsPerBlock} rows ({@code rowsPerBlock} divides {@code inC}, so a block lies within one
     * (ky,kx) tap), {@code block in [from, to)}. A block keeps its rows in cache while the batch streams by.
     *
     * @param dOut the output gradient as doubles ({@link ArrayKernels#toDouble})
     */
    public static void backwardWeights(float[] in, double[] dOut, float[] dW,
                                       int count, int inH, int inW, int inC, int outH, int outW, int outC,
                                       int k, int stride, int padTop, int padLeft, int rowsPerBlock,
                                       int from, int to) {
        for (@Parallel int block = from; block < to; block++) {
            int r0 = block * rowsPerBlock;
            int tap = r0 / inC;
            int ci0 = r0 - tap * inC;
            int ky = tap / k;
            int kx = tap - ky * k;
            for (int i = r0 * outC; i < (r0 + rowsPerBlock) * outC; i++) {
                dW[i] = 0f;
            }
            for (int b = 0; b < count; b++) {
                for (int oy = 0; oy < outH; oy++) {
                    int iy = oy * stride - padTop + ky;
                    if (iy >= 0 && iy < inH) {
                        for (int ox = 0; ox < outW; ox++) {
                            int ix = ox * stride - padLeft + kx;
                            if (ix >= 0 && ix < inW) {
                                int inBase = ((b * inH + iy) * inW + ix) * inC + ci0;
                                int gBase = ((b * outH + oy) * outW + ox) * outC;
                                for (int c = 0; c < rowsPerBlock; c++) {
                                    float a = in[inBase + c];
                                    if (a != 0f) {
                                        int wb = (r0 + c) * outC;
                                        for (int co = 0; co < outC; co++) {
                                            dW[wb + co] += a * (float) dOut[gBase + co];
                                        }
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
     * Gradient w.r.t. the kernel, produced transposed ({@code dWT[co][ky][kx][ci]}, see
     * {@link ArrayKernels#transpose} for the [k][k][inC][outC] layout) so that the inner loop runs over
     * a whole patch of {@code K = k*k*inC} values instead of the few output channels:
     * {@code dWT[co][r] = sum over b,oy,ox of dOut[b][oy][ox][co] * patch(b,oy,ox)[r]}. Each iteration
     * owns {@code channelsPerBlock} output channels, {@code block in [from, to)}, and copies the patches
     * of one output row at a time into its own region of {@code patches} (doubles,
     * {@code blocks * outW * K} long) before using them for all its channels. Positions are summed in
     * (b, oy, ox) order, as in {@link #backwardWeights}, so both give the same floats.
     */
    public static void backwardWeightsTransposed(float[] in, float[] dOut, double[] patches, float[] dWT, int count,
                                                int inH, int inW, int inC, int outH, int outW, int outC, int k,
                                                int stride, int padTop, int padLeft, int channelsPerBlock,
                                                int from, int to) {
        int kk = k * k * inC;
        for (@Parallel int block = from; block < to; block++) {
            int co0 = block * channelsPerBlock;
            int co1 = Math.min(co0 + channelsPerBlock, outC);
            int scratch = block * outW * kk;
            for (int i = co0 * kk; i < co1 * kk; i++) {
                dWT[i] = 0f;
            }
            for (int b = 0; b < count; b++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        int pb = scratch + ox * kk;
                        int ix0 = ox * stride - padLeft;
                        // taps kx in [kxLo, kxHi) read inside the image: one contiguous run of input
                        int kxLo = Math.max(0, -ix0);
                        int kxHi = Math.min(k, inW - ix0);
                        for (int ky = 0; ky < k; ky++) {
                            int iy = oy * stride - padTop + ky;
                            int rowDst = pb + ky * k * inC;
                            int lo = iy >= 0 && iy < inH ? kxLo * inC : k * inC;
                            int hi = iy >= 0 && iy < inH ? kxHi * inC : k * inC;
                            int src = ((b * inH + iy) * inW + ix0) * inC;
                            for (int j = 0; j < lo; j++) {
                                patches[rowDst + j] = 0.0;
                            }
                            for (int j = lo; j < hi; j++) {
                                patches[rowDst + j] = in[src + j];
                            }
                            for (int j = Math.max(hi, lo); j < k * inC; j++) {
                                patches[rowDst + j] = 0.0;
                            }
                        }
                    }
                    for (int ox = 0; ox < outW; ox++) {
                        int pb = scratch + ox * kk;
                        int g = ((b * outH + oy) * outW + ox) * outC;
                        for (int co = co0; co < co1; co++) {
                            float a = dOut[g + co];
                            if (a != 0f) {
                                int wb = co * kk;
                                for (int r = 0; r < kk; r++) {
                                    dWT[wb + r] += a * (float) patches[pb + r];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The same sums as {@link #forward}, computed per block of {@code positionsPerBlock} output
     * positions of one sample so that the inner loop runs over positions rather than the few output
     * channels: the block's patches are copied transposed into the iteration's own region of
     * {@code patchesT} ({@code [K][positionsPerBlock]} doubles, {@code K = k*k*inC}), then
     * {@code outT[co][p] += w[r][co] * patchesT[r][p]} accumulates in its region of {@code outT}
     * ({@code [outC][positionsPerBlock]} floats), which is finally written to NHWC {@code out}.
     * Terms are added in the order r = (ky, kx, ci), as in {@link #forward}, so both give the same floats.
     * Parallel over {@code item = b * blocksPerSample + block}, {@code item in [from, to)}.
     */
    public static void forwardByPositions(float[] in, float[] w, double[] patchesT, float[] outT, float[] out,
                                          int inH, int inW, int inC, int outH, int outW, int outC, int k,
                                          int stride, int padTop, int padLeft, int positionsPerBlock,
                                          int from, int to) {
        int kk = k * k * inC;
        int positions = outH * outW;
        int blocksPerSample = (positions + positionsPerBlock - 1) / positionsPerBlock;
        for (@Parallel int item = from; item < to; item++) {
            int b = item / blocksPerSample;
            int p0 = (item - b * blocksPerSample) * positionsPerBlock;
            int np = Math.min(positionsPerBlock, positions - p0);
            int pt = item * kk * positionsPerBlock;
            int ot = item * outC * positionsPerBlock;
            for (int r = 0; r < kk; r++) {
                int tap = r / inC;
                int ci = r - tap * inC;
                int ky = tap / k;
                int kx = tap - ky * k;
                for (int j = 0; j < np; j++) {
                    int oy = (p0 + j) / outW;
                    int ox = p0 + j - oy * outW;
                    int iy = oy * stride - padTop + ky;
                    int ix = ox * stride - padLeft + kx;
                    boolean inside = iy >= 0 && iy < inH && ix >= 0 && ix < inW;
                    patchesT[pt + r * positionsPerBlock + j] = inside ? in[((b * inH + iy) * inW + ix) * inC + ci] : 0.0;
                }
            }
            for (int i = 0; i < outC * positionsPerBlock; i++) {
                outT[ot + i] = 0f;
            }
            for (int r = 0; r < kk; r++) {
                int src = pt + r * positionsPerBlock;
                for (int co = 0; co < outC; co++) {
                    float a = w[r * outC + co];
                    if (a != 0f) {
                        int dst = ot + co * positionsPerBlock;
                        for (int j = 0; j < np; j++) {
                            outT[dst + j] += a * (float) patchesT[src + j];
                        }
                    }
                }
            }
            for (int j = 0; j < np; j++) {
                int o = ((b * positions) + p0 + j) * outC;
                for (int co = 0; co < outC; co++) {
                    out[o + co] = outT[ot + co * positionsPerBlock + j];
                }
            }
        }
    }

    /**
     * Gradient w.r.t. the input computed per output position and scattered back (col2im): the patch
     * gradient {@code dPatch[r] = sum_co dOut[b][oy][ox][co] * wT[co][r]} runs its inner loop over the
     * whole patch ({@code K = k*k*inC}) with the kernel given as {@code wT[co][r]} doubles
     * ({@link ArrayKernels#transposeToDouble} of the {@code [K][outC]} kernel), then is added into the
     * input positions it came from. Patches of one sample overlap, so each iteration owns a whole
     * sample: parallel over {@code b in [from, to)}, using its region {@code [b*K, (b+1)*K)} of
     * {@code dPatch}. Same sums as {@link #backwardInput}, added in another order.
     */
    public static void backwardInputByPatches(float[] dOut, double[] wT, float[] dPatch, float[] dIn,
                                              int inH, int inW, int inC, int outH, int outW, int outC,
                                              int k, int stride, int padTop, int padLeft, int from, int to) {
        int kk = k * k * inC;
        for (@Parallel int b = from; b < to; b++) {
            int inBase = b * inH * inW * inC;
            for (int i = 0; i < inH * inW * inC; i++) {
                dIn[inBase + i] = 0f;
            }
            int pd = b * kk;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int r = 0; r < kk; r++) {
                        dPatch[pd + r] = 0f;
                    }
                    int g = ((b * outH + oy) * outW + ox) * outC;
                    for (int co = 0; co < outC; co++) {
                        float a = dOut[g + co];
                        if (a != 0f) {
                            int wb = co * kk;
                            for (int r = 0; r < kk; r++) {
                                dPatch[pd + r] += a * (float) wT[wb + r];
                            }
                        }
                    }
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride - padTop + ky;
                        if (iy >= 0 && iy < inH) {
                            for (int kx = 0; kx < k; kx++) {
                                int ix = ox * stride - padLeft + kx;
                                if (ix >= 0 && ix < inW) {
                                    int d = inBase + (iy * inW + ix) * inC;
                                    int src = pd + (ky * k + kx) * inC;
                                    for (int ci = 0; ci < inC; ci++) {
                                        dIn[d + ci] += dPatch[src + ci];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
