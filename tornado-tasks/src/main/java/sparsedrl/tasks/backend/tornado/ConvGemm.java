package sparsedrl.tasks.backend.tornado;

import uk.ac.manchester.tornado.api.KernelContext;

/**
 * The three heavy operations of a conv or dense layer as one tiled matrix product on the device,
 * {@code C[m][n] = sum over k of A(m, k) * B(k, n)}, with A read through the layer's geometry
 * (implicit GEMM: no patch matrix is ever stored):
 * <ul>
 *   <li>{@link #FORWARD}: m = output position (b, oy, ox), n = output channel, k = kernel row
 *       (ky, kx, ci); A = the input tap, B = the kernel {@code w[k][n]};</li>
 *   <li>{@link #WEIGHT_GRADIENT}: m = kernel row, n = output channel, k = output position; A = the
 *       input tap (the forward's A transposed), B = the output gradient {@code dOut[k][n]};</li>
 *   <li>{@link #INPUT_GRADIENT}: m = input position, n = input channel, k = (tap, output channel);
 *       A = the output gradient seen from the input position through the tap, B = the kernel
 *       read transposed. Positions are grouped by stride phase (iy mod stride, ix mod stride, one
 *       phase per grid z index) so that every work-group runs over exactly the taps that reach its
 *       positions: a stride-2 4x4 kernel does a quarter of the products a plain gather would.</li>
 * </ul>
 * A dense layer is the 1x1 convolution of a 1x1 image. Work-group = {@link #TILE}x{@link #TILE}
 * work-items for one {@link #SPAN}x{@link #SPAN} tile of C, x along n (the contiguous axis of C and
 * of B), y along m; each work-item computes 2x2 elements of C (columns tx, tx + TILE, rows ty,
 * ty + TILE: neighbouring work-items touch neighbouring addresses). Tiles of A and B go through
 * local memory, {@link #KSTEP} values of k at a time, double-buffered so that one barrier per step
 * suffices. When m x n is too small to fill a device, k is split into {@code splits} slices (grid z), each
 * writing its partial sums to its own plane of {@code out}; {@link #sumSlices} then adds the planes
 * in slice order. Every sum runs in a fixed order: results are deterministic.
 *
 * <p>Layer tails are fused: after the forward product (or the sum of its slices) the bias is added
 * and ReLU applied as {@code tail} says ({@link #TAIL_BIAS}, {@link #TAIL_RELU}). Float only.
 *
 * <p>Shapes are scalars, which TornadoVM compiles into each kernel as constants; to stay within a
 * task's 15 arguments four 8-bit values share one int ({@link #pack}): {@code spatial} = inH, inW,
 * outH, outW and {@code window} = kernel size, stride, padTop, padLeft.
 */
final class ConvGemm {

    /** Work-items per side of a work-group. */
    static final int TILE = 16;
    /** Outputs per side of a work-group's tile of C: each work-item computes 2 x 2 of them. */
    static final int SPAN = 2 * TILE;
    /** Values of k per step (between barriers): each work-item stages four per operand row or column. */
    static final int KSTEP = 4 * TILE;

    static final int FORWARD = 0;
    static final int WEIGHT_GRADIENT = 1;
    static final int INPUT_GRADIENT = 2;

    static final int TAIL_BIAS = 1;
    static final int TAIL_RELU = 2;

    private ConvGemm() {
    }

    /** Four values in [0, 255] in one int, the first in the low byte. */
    static int pack(int a, int b, int c, int d) {
        for (int v : new int[] {a, b, c, d}) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("shape value " + v + " outside [0, 255]");
            }
        }
        return a | b << 8 | c << 16 | d << 24;
    }

    private static int part(int packed, int index) {
        return (packed >>> (8 * index)) & 0xFF;
    }

    /**
     * One {@link #SPAN}x{@link #SPAN} tile of {@code C = A * B} per work-group of TILE x TILE
     * work-items (see the class), for {@code m x n} outputs and {@code k} products each (for
     * {@link #INPUT_GRADIENT}: m counts the positions of one stride phase, padded, and k is the
     * largest tap count of a phase times outC). Grid: x = TILE per SPAN columns of C, y = TILE per
     * SPAN rows, z = {@code splits} (k slices) times, for the input gradient, the stride phases;
     * local size TILE x TILE x 1 ({@link #grid}).
     *
     * @param a    the input (forward, weight gradient) or the output gradient (input gradient)
     * @param b    the kernel (forward, input gradient) or the output gradient (weight gradient)
     * @param out  C; with {@code splits > 1}, {@code splits} planes of partial sums for {@link #sumSlices}
     * @param bias read when {@code tail} has {@link #TAIL_BIAS} and there is one slice
     */
    static void gemm(KernelContext context, float[] a, float[] b, float[] out, float[] bias, int mode, int m, int n,
                     int k, int splits, int tail, int spatial, int window, int inC, int outC) {
        int tx = context.localIdx;
        int ty = context.localIdy;
        int col0 = context.groupIdx * SPAN + tx;
        int col1 = col0 + TILE;
        int row0 = context.groupIdy * SPAN + ty;
        int row1 = row0 + TILE;
        // Grid z: stride phase (input gradient; else 0) times splits, plus the k slice.
        int z = context.groupIdz / splits;
        int slice = context.groupIdz - z * splits;
        // Two tiles of each operand, used in turn: the loads of one step cannot overwrite the tile that
        // slower work-items still multiply, so one barrier per step suffices. A as [SPAN rows][KSTEP k],
        // B as [KSTEP k][SPAN columns].
        float[] aTile = context.allocateFloatLocalArray(2 * SPAN * KSTEP);
        float[] bTile = context.allocateFloatLocalArray(2 * SPAN * KSTEP);

        // The k range: slice `slice` of the whole range, or of the taps of stride phase z.
        int kAll = k;
        int rows = m;
        if (mode == INPUT_GRADIENT) {
            kAll = phaseTaps(z, window, 1) * phaseTaps(z, window, 0) * outC;
            rows = phaseRows(z, m, spatial, window);
        }
        int tilesPerSlice = ((k + KSTEP - 1) / KSTEP + splits - 1) / splits;
        int kFrom = slice * tilesPerSlice * KSTEP;
        int kTo = Math.min(kAll, kFrom + tilesPerSlice * KSTEP);
        float s00 = 0f;
        float s01 = 0f;
        float s10 = 0f;
        float s11 = 0f;
        for (int t = kFrom; t < kTo; t += KSTEP) {
            // Each work-item stages KSTEP / TILE values of A in each of its rows (row0, row1) and as
            // many of B in each of its columns.
            int half = ((t - kFrom) / KSTEP & 1) * SPAN * KSTEP;
            for (int d = 0; d < KSTEP; d += TILE) {
                int ka = t + d + tx;
                int kb = t + d + ty;
                aTile[half + ty * KSTEP + d + tx] = ka < kTo && row0 < rows
                        ? aValue(a, mode, z, row0, ka, spatial, window, inC, outC) : 0f;
                aTile[half + (ty + TILE) * KSTEP + d + tx] = ka < kTo && row1 < rows
                        ? aValue(a, mode, z, row1, ka, spatial, window, inC, outC) : 0f;
                bTile[half + (d + ty) * SPAN + tx] = kb < kTo && col0 < n
                        ? bValue(b, mode, z, kb, col0, n, window, inC, outC) : 0f;
                bTile[half + (d + ty) * SPAN + tx + TILE] = kb < kTo && col1 < n
                        ? bValue(b, mode, z, kb, col1, n, window, inC, outC) : 0f;
            }
            context.localBarrier();
            for (int i = 0; i < KSTEP; i++) {
                float a0 = aTile[half + ty * KSTEP + i];
                float a1 = aTile[half + (ty + TILE) * KSTEP + i];
                float b0 = bTile[half + i * SPAN + tx];
                float b1 = bTile[half + i * SPAN + tx + TILE];
                s00 += a0 * b0;
                s01 += a0 * b1;
                s10 += a1 * b0;
                s11 += a1 * b1;
            }
        }
        int plane = slice * planeSize(mode, m, n, spatial, window, inC);
        store(out, bias, mode, z, row0, col0, rows, n, plane, splits, tail, s00, spatial, window, inC);
        store(out, bias, mode, z, row0, col1, rows, n, plane, splits, tail, s01, spatial, window, inC);
        store(out, bias, mode, z, row1, col0, rows, n, plane, splits, tail, s10, spatial, window, inC);
        store(out, bias, mode, z, row1, col1, rows, n, plane, splits, tail, s11, spatial, window, inC);
    }

    /** Global work sizes {x, y, z} of {@link #gemm} for m x n outputs and {@code planes} k slices or phases. */
    static int[] grid(int m, int n, int planes) {
        return new int[] {(n + SPAN - 1) / SPAN * TILE, (m + SPAN - 1) / SPAN * TILE, planes};
    }

    /** Taps of the kernel along y ({@code axis} 1) or x (0) that reach the input positions of stride phase z. */
    private static int phaseTaps(int z, int window, int axis) {
        int kernel = part(window, 0);
        int stride = part(window, 1);
        int phase = axis == 1 ? z / stride : z % stride;
        int first = (phase + part(window, 2 + (1 - axis))) % stride;
        return (kernel - first + stride - 1) / stride;
    }

    /** Input positions (all samples) of stride phase z, out of {@code m} = the count of phase 0. */
    private static int phaseRows(int z, int m, int spatial, int window) {
        int inH = part(spatial, 0);
        int inW = part(spatial, 1);
        int stride = part(window, 1);
        int py = z / stride;
        int px = z % stride;
        int samples = m / (((inH + stride - 1) / stride) * ((inW + stride - 1) / stride));
        return samples * ((inH - py + stride - 1) / stride) * ((inW - px + stride - 1) / stride);
    }

    /** Flat NHWC index (without channel) of row {@code row} of stride phase z: {@code (b*inH + iy)*inW + ix}. */
    private static int phasePosition(int z, int row, int spatial, int window) {
        int inH = part(spatial, 0);
        int inW = part(spatial, 1);
        int stride = part(window, 1);
        int py = z / stride;
        int px = z % stride;
        int perRow = (inW - px + stride - 1) / stride;
        int perSample = ((inH - py + stride - 1) / stride) * perRow;
        int sample = row / perSample;
        int q = row - sample * perSample;
        int qy = q / perRow;
        return (sample * inH + qy * stride + py) * inW + (q - qy * perRow) * stride + px;
    }

    /** The kernel tap (ky*k + kx) that column-block j of the input gradient's k axis stands for, phase z. */
    private static int phaseTap(int z, int j, int window) {
        int kernel = part(window, 0);
        int stride = part(window, 1);
        int tapsX = phaseTaps(z, window, 0);
        int ky = (z / stride + part(window, 2)) % stride + (j / tapsX) * stride;
        int kx = (z % stride + part(window, 3)) % stride + (j % tapsX) * stride;
        return ky * kernel + kx;
    }

    /** A(row, kk) of the operation (see the class); row and kk in range. */
    private static float aValue(float[] a, int mode, int z, int row, int kk, int spatial, int window, int inC,
                                int outC) {
        int inH = part(spatial, 0);
        int inW = part(spatial, 1);
        int outH = part(spatial, 2);
        int outW = part(spatial, 3);
        int kernel = part(window, 0);
        int stride = part(window, 1);
        int padTop = part(window, 2);
        int padLeft = part(window, 3);
        float v = 0f;
        if (mode == INPUT_GRADIENT) {
            int position = phasePosition(z, row, spatial, window);
            int tap = phaseTap(z, kk / outC, window);
            int ky = tap / kernel;
            int ix = position % inW;
            int iy = (position / inW) % inH;
            int dy = iy + padTop - ky;
            int dx = ix + padLeft - (tap - ky * kernel);
            if (dy >= 0 && dy < outH * stride && dx >= 0 && dx < outW * stride) {
                v = a[(((position / (inW * inH)) * outH + dy / stride) * outW + dx / stride) * outC + kk % outC];
            }
        } else {
            // Forward: row = output position, kk = kernel row; weight gradient: the other way round.
            int p = mode == FORWARD ? row : kk;
            int r = mode == FORWARD ? kk : row;
            int tap = r / inC;
            int ky = tap / kernel;
            int iy = ((p / outW) % outH) * stride - padTop + ky;
            int ix = (p % outW) * stride - padLeft + tap - ky * kernel;
            if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                v = a[(((p / (outW * outH)) * inH + iy) * inW + ix) * inC + r - tap * inC];
            }
        }
        return v;
    }

    /** B(kk, col) of the operation (see the class); kk and col in range. */
    private static float bValue(float[] b, int mode, int z, int kk, int col, int n, int window, int inC, int outC) {
        if (mode == INPUT_GRADIENT) {
            int tap = phaseTap(z, kk / outC, window);
            return b[(tap * inC + col) * outC + kk % outC];
        }
        return b[kk * n + col];
    }

    /** Elements of C: m x n, or for the input gradient the whole input gradient (all phases). */
    static int planeSize(int mode, int m, int n, int spatial, int window, int inC) {
        if (mode != INPUT_GRADIENT) {
            return m * n;
        }
        int inH = part(spatial, 0);
        int inW = part(spatial, 1);
        int stride = part(window, 1);
        return m / (((inH + stride - 1) / stride) * ((inW + stride - 1) / stride)) * inH * inW * inC;
    }

    /**
     * Writes one element of C, at {@code plane} + its index (the input position for the input
     * gradient); with one slice through the layer tail.
     */
    private static void store(float[] out, float[] bias, int mode, int z, int row, int col, int rows, int n,
                              int plane, int splits, int tail, float sum, int spatial, int window, int inC) {
        if (row < rows && col < n) {
            int index = mode == INPUT_GRADIENT ? phasePosition(z, row, spatial, window) * inC + col : row * n + col;
            out[plane + index] = splits > 1 ? sum : tail(sum, bias, col, tail);
        }
    }

    /** The layer tail on one pre-activation: bias of channel {@code c} and/or ReLU, as {@code tail} says. */
    static float tail(float v, float[] bias, int c, int tail) {
        float x = (tail & TAIL_BIAS) != 0 ? v + bias[c] : v;
        return (tail & TAIL_RELU) != 0 ? Math.max(x, 0f) : x;
    }

    /**
     * {@code out[i] = tail(scale * sum over s < splits of partial[s*size + i])} for {@code i < size},
     * the slices added in order; {@code n} channels per row (for the bias). 1-D grid over size.
     */
    static void sumSlices(KernelContext context, float[] partial, float[] out, float[] bias, int size, int n,
                          int splits, int tail, float scale) {
        int i = context.globalIdx;
        if (i < size) {
            float s = 0f;
            for (int p = 0; p < splits; p++) {
                s += partial[p * size + i];
            }
            out[i] = tail(s * scale, bias, i % n, tail);
        }
    }

    /** {@code x[i] = tail(x[i])} for {@code i < size}, {@code n} channels per row: the tail of a sparse product. */
    static void applyTail(KernelContext context, float[] x, float[] bias, int size, int n, int tail) {
        int i = context.globalIdx;
        if (i < size) {
            x[i] = tail(x[i], bias, i % n, tail);
        }
    }
}
