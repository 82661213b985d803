package sparsedrl.tasks.backend.jvm.simd;

import sparsedrl.tasks.net.LayerSpec;

/**
 * A conv layer as matrix products on {@link FloatGemm} (implicit GEMM through an im2col buffer):
 * with {@code M = count*outH*outW} output positions, {@code K = k*k*inC} patch values in
 * (ky, kx, ci) order and the kernel seen as {@code W[K][outC]},
 * <ul>
 * <li>forward {@code out[M][outC] = patches[M][K] * W},
 * <li>weight gradient {@code dW[K][outC] = patches^T * dOut} (positions in (b, oy, ox) order),
 * <li>input gradient {@code dPatch[M][K] = dOut * W^T}, scattered back per sample (col2im) in
 * (oy, ox, ky, kx, ci) order.
 * </ul>
 * These are the sums of the plain kernels in {@code ConvKernels} in the same order, so both paths
 * give the same floats. Each method is a slice {@code [from, to)} of a parallel loop whose iterations
 * write disjoint regions.
 */
public final class ConvGemm {
    /** Output positions per forward item: a multiple of the tile height; its patches stay in L2. */
    public static final int FORWARD_ROWS = 96;

    private final int inH;
    private final int inW;
    private final int inC;
    private final int outH;
    private final int outW;
    private final int outC;
    private final int k;
    private final int stride;
    private final int padTop;
    private final int padLeft;
    private final int kk;
    private final int positions;

    public ConvGemm(LayerSpec spec) {
        inH = spec.inH();
        inW = spec.inW();
        inC = spec.inC();
        outH = spec.outH();
        outW = spec.outW();
        outC = spec.outC();
        k = spec.kernel();
        stride = spec.stride();
        padTop = spec.padTop();
        padLeft = spec.padLeft();
        kk = spec.fanIn();
        positions = outH * outW;
    }

    /** Whether the products fit the vector tiles (the input gradient also needs {@code K} to fit). */
    public static boolean supports(LayerSpec spec, boolean needsInputGradient) {
        return FloatGemm.fits(spec.outC()) && (!needsInputGradient || FloatGemm.fits(spec.fanIn()));
    }

    /** Rows of the patch matrix, the size of {@code patches} and {@code dPatch} is this times K. */
    public int rows(int count) {
        return count * positions;
    }

    /** Copies patch rows {@code [m0, m1)} of {@code in} into {@code patches} (row m at {@code m*K}). */
    public void im2col(float[] in, float[] patches, int m0, int m1) {
        int rowLen = k * inC;
        for (int m = m0; m < m1; m++) {
            int b = m / positions;
            int pos = m - b * positions;
            int oy = pos / outW;
            int ox = pos - oy * outW;
            int ix0 = ox * stride - padLeft;
            // taps kx in [kxLo, kxHi) lie inside the image: one contiguous run of the input row
            int lo = Math.max(0, -ix0) * inC;
            int hi = Math.max(lo, Math.min(k, inW - ix0) * inC);
            int dst = m * kk;
            for (int ky = 0; ky < k; ky++, dst += rowLen) {
                int iy = oy * stride - padTop + ky;
                if (iy < 0 || iy >= inH) {
                    java.util.Arrays.fill(patches, dst, dst + rowLen, 0f);
                    continue;
                }
                int src = ((b * inH + iy) * inW + ix0) * inC;
                java.util.Arrays.fill(patches, dst, dst + lo, 0f);
                System.arraycopy(in, src + lo, patches, dst + lo, hi - lo);
                java.util.Arrays.fill(patches, dst + hi, dst + rowLen, 0f);
            }
        }
    }

    /** Forward for items {@code [from, to)} of {@link #FORWARD_ROWS} positions out of {@code rows}. */
    public void forward(float[] in, float[] w, float[] patches, float[] out, int rows, int from, int to) {
        for (int item = from; item < to; item++) {
            int m0 = item * FORWARD_ROWS;
            int m1 = Math.min(rows, m0 + FORWARD_ROWS);
            im2col(in, patches, m0, m1);
            FloatGemm.multiply(patches, m0 * kk, kk, w, 0, outC, out, m0 * outC, outC, m1 - m0, outC, kk);
        }
    }

    /**
     * Kernel rows per weight-gradient item: several tiles, so that the patch cache lines that one tile
     * reads (a few values per position) serve the item's other tiles too.
     */
    private static final int WEIGHT_ROWS = FloatGemm.ROWS * 8;

    /** Number of weight-gradient items: blocks of kernel rows. */
    public int weightItems() {
        return (kk + WEIGHT_ROWS - 1) / WEIGHT_ROWS;
    }

    /** Weight gradient rows of items {@code [from, to)}, from patches already filled for {@code rows}. */
    public void weightGradient(float[] patches, float[] dOut, float[] dW, int rows, int from, int to) {
        int r0 = from * WEIGHT_ROWS;
        int r1 = Math.min(kk, to * WEIGHT_ROWS);
        FloatGemm.multiplyTransposedA(patches, r0, kk, dOut, 0, outC, dW, r0 * outC, outC, r1 - r0, outC, rows);
    }

    /**
     * Input gradient of samples {@code [from, to)}: the sample's patch gradients into its rows of
     * {@code dPatch}, then added into {@code dIn}.
     *
     * @param wT the kernel transposed, {@code [outC][K]}
     */
    public void inputGradient(float[] dOut, float[] wT, float[] dPatch, float[] dIn, int from, int to) {
        int sampleSize = inH * inW * inC;
        for (int b = from; b < to; b++) {
            int m0 = b * positions;
            FloatGemm.multiply(dOut, m0 * outC, outC, wT, 0, kk, dPatch, m0 * kk, kk, positions, kk, outC);
            int inBase = b * sampleSize;
            java.util.Arrays.fill(dIn, inBase, inBase + sampleSize, 0f);
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int pd = (m0 + oy * outW + ox) * kk;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride - padTop + ky;
                        if (iy < 0 || iy >= inH) {
                            continue;
                        }
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride - padLeft + kx;
                            if (ix >= 0 && ix < inW) {
                                FloatGemm.addTo(dPatch, pd + (ky * k + kx) * inC, dIn, inBase + (iy * inW + ix) * inC,
                                        inC);
                            }
                        }
                    }
                }
            }
        }
    }
}
