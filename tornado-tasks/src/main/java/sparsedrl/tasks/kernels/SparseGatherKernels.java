package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * A masked layer over its active weights in gather form: every parallel iteration computes whole
 * output elements from the active-entry lists ({@link sparsedrl.tasks.backend.ActiveLists}) and
 * writes nothing else, so there are no shared accumulators, no atomics and no work buffers. This
 * is the form for devices, where thousands of work-items each take one output element;
 * {@link SparseKernels} is the form for CPU cores (long contiguous axpys over transposed operands).
 *
 * <p>A dense layer is the 1x1 convolution of a 1x1 image with {@code inN} channels, so one set of
 * kernels serves both layer kinds. The kernel is the matrix {@code [rows][cols]} with row
 * {@code r = (ky*k + kx)*inC + ic} and column {@code oc}; images are NHWC. The shapes come in an
 * int array ({@link #geometry}), because a device task takes at most 15 arguments. Sums run in
 * float over the list entries in ascending order; positions in the padding are skipped (they would
 * add zero).
 */
public final class SparseGatherKernels {

    /** Positions in a geometry array. */
    public static final int IN_H = 0;
    public static final int IN_W = 1;
    public static final int IN_C = 2;
    public static final int OUT_H = 3;
    public static final int OUT_W = 4;
    public static final int OUT_C = 5;
    public static final int K = 6;
    public static final int STRIDE = 7;
    public static final int PAD_TOP = 8;
    public static final int PAD_LEFT = 9;
    public static final int GEOMETRY_SIZE = 10;

    private SparseGatherKernels() {
    }

    /** A geometry array for a convolution (a dense layer: {@code geometry(1, 1, inN, 1, 1, outN, 1, 1, 0, 0)}). */
    public static int[] geometry(int inH, int inW, int inC, int outH, int outW, int outC, int k, int stride,
                                 int padTop, int padLeft) {
        return new int[] {inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft};
    }

    /**
     * Forward, output elements {@code o in [from, to)} of {@code out[b][oy][ox][oc]} (no bias, no
     * ReLU): the sum over the entries j of column {@code oc} of {@code w[colRow[j]*outC + oc]} times the
     * input tap of row {@code colRow[j]}.
     */
    public static void forward(float[] in, float[] w, int[] colStart, int[] colRow, float[] out, int[] geometry,
                               int from, int to) {
        int inH = geometry[IN_H];
        int inW = geometry[IN_W];
        int inC = geometry[IN_C];
        int outH = geometry[OUT_H];
        int outW = geometry[OUT_W];
        int outC = geometry[OUT_C];
        int k = geometry[K];
        int stride = geometry[STRIDE];
        int padTop = geometry[PAD_TOP];
        int padLeft = geometry[PAD_LEFT];
        for (@Parallel int o = from; o < to; o++) {
            int oc = o % outC;
            int pos = o / outC;
            int ox = pos % outW;
            int oy = (pos / outW) % outH;
            int b = pos / (outW * outH);
            float sum = 0f;
            for (int j = colStart[oc]; j < colStart[oc + 1]; j++) {
                int r = colRow[j];
                int ic = r % inC;
                int tap = r / inC;
                int iy = oy * stride + tap / k - padTop;
                int ix = ox * stride + tap % k - padLeft;
                if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                    sum += w[r * outC + oc] * in[((b * inH + iy) * inW + ix) * inC + ic];
                }
            }
            out[o] = sum;
        }
    }

    /**
     * Input gradient, input elements {@code i in [from, to)} of {@code gradIn[b][iy][ix][ic]}: the sum
     * over the taps (ky, kx) that see this pixel from an output position, and over the entries of
     * row {@code (ky*k + kx)*inC + ic}, of weight times output gradient.
     */
    public static void inputGradient(float[] gradOut, float[] w, int[] rowStart, int[] rowCol, float[] gradIn,
                                     int[] geometry, int from, int to) {
        int inH = geometry[IN_H];
        int inW = geometry[IN_W];
        int inC = geometry[IN_C];
        int outH = geometry[OUT_H];
        int outW = geometry[OUT_W];
        int outC = geometry[OUT_C];
        int k = geometry[K];
        int stride = geometry[STRIDE];
        int padTop = geometry[PAD_TOP];
        int padLeft = geometry[PAD_LEFT];
        for (@Parallel int i = from; i < to; i++) {
            int ic = i % inC;
            int pos = i / inC;
            int ix = pos % inW;
            int iy = (pos / inW) % inH;
            int b = pos / (inW * inH);
            float sum = 0f;
            for (int ky = 0; ky < k; ky++) {
                int ty = iy + padTop - ky;
                int oy = ty / stride;
                if (ty >= 0 && oy * stride == ty && oy < outH) {
                    for (int kx = 0; kx < k; kx++) {
                        int tx = ix + padLeft - kx;
                        int ox = tx / stride;
                        if (tx >= 0 && ox * stride == tx && ox < outW) {
                            int r = (ky * k + kx) * inC + ic;
                            int g = ((b * outH + oy) * outW + ox) * outC;
                            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                                int oc = rowCol[j];
                                sum += w[r * outC + oc] * gradOut[g + oc];
                            }
                        }
                    }
                }
            }
            gradIn[i] = sum;
        }
    }

    /**
     * Weight gradient, first step: partial sums over slices of the output positions, so that a
     * device gets one work-item per active entry and slice (the entries of a sparse kernel are too
     * few to fill it alone). Item {@code i in [from, to)} stands for entry {@code j = i % capacity} of
     * {@code activeFlat} (flat kernel indices {@code r*outC + oc}; -1 past the active count: nothing
     * to do) and slice {@code s = i / capacity} of the {@code count * outH * outW} positions (split
     * evenly in {@code slices}); it writes the slice's sum of input tap times output gradient to
     * {@code partial[s * weights + flat]}. {@link #sumActiveSlices} adds the slices.
     */
    public static void weightGradientPartials(float[] in, float[] gradOut, int[] activeFlat, float[] partial,
                                              int[] geometry, int count, int slices, int weights, int from, int to) {
        int inH = geometry[IN_H];
        int inW = geometry[IN_W];
        int inC = geometry[IN_C];
        int outH = geometry[OUT_H];
        int outW = geometry[OUT_W];
        int outC = geometry[OUT_C];
        int k = geometry[K];
        int stride = geometry[STRIDE];
        int padTop = geometry[PAD_TOP];
        int padLeft = geometry[PAD_LEFT];
        int capacity = activeFlat.length;
        int positions = count * outH * outW;
        int per = (positions + slices - 1) / slices;
        for (@Parallel int i = from; i < to; i++) {
            int slice = i / capacity;
            int flat = activeFlat[i - slice * capacity];
            if (flat >= 0) {
                int r = flat / outC;
                int oc = flat - r * outC;
                int ic = r % inC;
                int tap = r / inC;
                int ky = tap / k;
                int kx = tap - ky * k;
                int end = Math.min(positions, (slice + 1) * per);
                float sum = 0f;
                for (int p = slice * per; p < end; p++) {
                    int ox = p % outW;
                    int oy = (p / outW) % outH;
                    int b = p / (outW * outH);
                    int iy = oy * stride + ky - padTop;
                    int ix = ox * stride + kx - padLeft;
                    if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                        sum += in[((b * inH + iy) * inW + ix) * inC + ic] * gradOut[p * outC + oc];
                    }
                }
                partial[slice * weights + flat] = sum;
            }
        }
    }

    /**
     * Weight gradient, second step: {@code dW[f]} = the sum of the {@code slices} partial sums of
     * entry f, added in slice order, where {@code mask[f]} is not 0, else 0 (a dense gradient written
     * there earlier must not linger); {@code f in [from, to)}.
     */
    public static void sumActiveSlices(float[] partial, float[] mask, float[] dW, int weights, int slices, int from,
                                       int to) {
        for (@Parallel int f = from; f < to; f++) {
            float s = 0f;
            for (int p = 0; p < slices; p++) {
                s += partial[p * weights + f];
            }
            dW[f] = mask[f] != 0f ? s : 0f;
        }
    }
}
