package sparsedrl.agent.env.atari;

import java.util.Arrays;

/**
 * Downscales a single-channel image of levels 0..255 by area averaging, the rule of OpenCV's
 * {@code cv2.resize(..., interpolation=INTER_AREA)} that Dopamine applies to the 210x160 screen.
 *
 * <p>Every output pixel is the mean of the source pixels under its footprint, each weighted by the
 * exact fraction of it that the footprint covers. The arithmetic is exact: along an axis of
 * {@code src} pixels mapped to {@code dst}, positions are counted in units of 1/dst of a source
 * pixel, so overlaps are integers and the mean is a fraction with denominator srcH*srcW. It is
 * rounded to the nearest integer, ties to even, as OpenCV's {@code saturate_cast<uchar>} (cvRound)
 * does. OpenCV sums in single precision, so on an exact .5 tie it can land on the other side: on a
 * random 210x160 frame 1 pixel of 7,056 differed by 1 (checked against cv2 5.0 in the tests).
 *
 * <p>Speed: the sums are integers below 2^24, so float arithmetic keeps them exact, and loops
 * that read one array type and write another (int rows into float sums, float into double) are
 * ones C2 auto-vectorizes; between two int arrays it must assume overlap and stays scalar. The
 * source comes one row at a time from a {@link RowSource}, so a row made on the fly (the
 * max-pooled screen) stays in cache instead of going through a whole int frame. Both passes run
 * along whole rows: the vertical pass adds each source row into the output rows it falls under,
 * and the horizontal pass runs on the transposed sums; per-pixel footprints would be gathers,
 * several times slower.
 *
 * <p>{@link #apply(RowSource, byte[])} allocates nothing but uses scratch arrays: one instance per thread.
 */
public final class AreaResize {
    /** Largest srcH*srcW whose sums (at most 255*srcH*srcW) floats hold exactly. */
    private static final int MAX_EXACT_AREA = (1 << 24) / 255;

    /** The source image, one row at a time. */
    @FunctionalInterface
    public interface RowSource {
        /** Writes the levels (0..255) of source row {@code y} into {@code out} (length srcWidth). */
        void row(int y, int[] out);
    }

    private final int srcHeight;
    private final int srcWidth;
    private final int dstHeight;
    private final int dstWidth;
    private final RowTargets rows;
    private final AxisWeights cols;
    private final double denominator;
    private final int[] sourceRow;
    /**
     * Vertical sums of the output rows still open, row d at {@code d % 2}: a source row overlaps
     * at most two output rows when shrinking, and rows d and d+2 are never open together.
     */
    private final float[] openRows;
    /** Vertical sums of the finished output rows, transposed: srcWidth x dstHeight. */
    private final float[] transposedSums;
    /** Horizontal sums of one output column (dstHeight). */
    private final double[] outputColumn;
    /** The rounded means, transposed: dstWidth x dstHeight. */
    private final byte[] transposedOut;

    public AreaResize(int srcHeight, int srcWidth, int dstHeight, int dstWidth) {
        if (dstHeight < 1 || dstWidth < 1 || dstHeight > srcHeight || dstWidth > srcWidth) {
            throw new IllegalArgumentException("area resize only shrinks: " + srcHeight + "x" + srcWidth
                    + " -> " + dstHeight + "x" + dstWidth);
        }
        if ((long) srcHeight * srcWidth > MAX_EXACT_AREA) {
            throw new IllegalArgumentException("source too large for exact float sums: " + srcHeight + "x" + srcWidth);
        }
        this.srcHeight = srcHeight;
        this.srcWidth = srcWidth;
        this.dstHeight = dstHeight;
        this.dstWidth = dstWidth;
        this.rows = new RowTargets(new AxisWeights(srcHeight, dstHeight), srcHeight);
        this.cols = new AxisWeights(srcWidth, dstWidth);
        this.denominator = (double) srcHeight * srcWidth;
        this.sourceRow = new int[srcWidth];
        this.openRows = new float[2 * srcWidth];
        this.transposedSums = new float[srcWidth * dstHeight];
        this.outputColumn = new double[dstHeight];
        this.transposedOut = new byte[dstWidth * dstHeight];
    }

    public int srcSize() {
        return srcHeight * srcWidth;
    }

    public int dstSize() {
        return dstHeight * dstWidth;
    }

    /** Resizes {@code src} (row-major srcHeight x srcWidth, bytes read unsigned) into {@code dst}. */
    public void apply(byte[] src, byte[] dst) {
        apply((y, out) -> {
            for (int x = 0; x < out.length; x++) {
                out[x] = src[y * out.length + x] & 0xFF;
            }
        }, dst);
    }

    /** Resizes the image {@code src} supplies (srcHeight rows) into {@code dst} (dstHeight x dstWidth). */
    public void apply(RowSource src, byte[] dst) {
        verticalPass(src);
        horizontalPass();
        byte[] out = transposedOut;
        for (int dy = 0; dy < dstHeight; dy++) {
            int row = dy * dstWidth;
            for (int dx = 0, i = dy; dx < dstWidth; dx++, i += dstHeight) {
                dst[row + dx] = out[i];
            }
        }
    }

    /**
     * Each source row, weighted, into the output rows it falls under (the first one assigns,
     * saving a clear); an output row is transposed into {@code transposedSums} as soon as its
     * last source row is in, while it is still in cache.
     */
    private void verticalPass(RowSource src) {
        float[] sums = openRows;
        float[] t = transposedSums;
        int[] row = sourceRow;
        int width = srcWidth;
        int n = dstHeight;
        for (int y = 0; y < srcHeight; y++) {
            src.row(y, row);
            for (int c = rows.start[y]; c < rows.start[y + 1]; c++) {
                int d = rows.target[c];
                int out = (d & 1) * width;
                float w = rows.weight[c];
                if (rows.assigns[c]) {
                    for (int x = 0; x < width; x++) {
                        sums[out + x] = w * row[x];
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        sums[out + x] += w * row[x];
                    }
                }
                if (rows.completes[c]) {
                    for (int x = 0, i = d; x < width; x++, i += n) {
                        t[i] = sums[out + x];
                    }
                }
            }
        }
    }

    /**
     * Per output column dx, the weighted sum of the transposed column sums under it, over all
     * output rows at once (double sums of float terms: two array types again), then divided and
     * rounded into {@code transposedOut}.
     */
    private void horizontalPass() {
        float[] t = transposedSums;
        double[] sums = outputColumn;
        byte[] out = transposedOut;
        int n = dstHeight;
        for (int dx = 0; dx < dstWidth; dx++) {
            int base0 = cols.first[dx] * n;
            double w0 = cols.weight[dx];
            for (int dy = 0; dy < n; dy++) {
                sums[dy] = w0 * t[base0 + dy];
            }
            for (int j = 1; j < cols.taps; j++) {
                double w = cols.weight[j * dstWidth + dx];
                int base = base0 + j * n;
                for (int dy = 0; dy < n; dy++) {
                    sums[dy] += w * t[base + dy];
                }
            }
            int o = dx * n;
            for (int dy = 0; dy < n; dy++) {
                out[o + dy] = (byte) (int) roundedMean(sums[dy]);
            }
        }
    }

    /**
     * sum / (srcH*srcW) rounded half to even. The sum is an exact integer and the division is
     * correctly rounded in double, so an exact .5 stays exact and anything else stays on its side
     * of it (a quotient at most 255 is off by under 2^-44, a non-tie is 1/(srcH*srcW) from a tie).
     */
    private double roundedMean(double sum) {
        return Math.rint(sum / denominator);
    }

    /**
     * The vertical weights turned around: per source row s, entries {@code start[s]} to
     * {@code start[s+1]} name the output rows it overlaps (ascending) and the overlap; an entry
     * {@code assigns} when s is the first source row of its output row, {@code completes} when
     * it is the last.
     */
    private static final class RowTargets {
        final int[] start;
        final int[] target;
        final float[] weight;
        final boolean[] assigns;
        final boolean[] completes;

        RowTargets(AxisWeights w, int src) {
            int dst = w.first.length;
            start = new int[src + 1];
            for (int d = 0; d < dst; d++) {
                for (int j = 0; j < w.taps; j++) {
                    if (w.weight[j * dst + d] > 0) {
                        start[w.first[d] + j + 1]++;
                    }
                }
            }
            for (int s = 0; s < src; s++) {
                start[s + 1] += start[s];
            }
            int[] next = Arrays.copyOf(start, src);
            target = new int[start[src]];
            weight = new float[start[src]];
            assigns = new boolean[start[src]];
            completes = new boolean[start[src]];
            for (int d = 0; d < dst; d++) {
                int last = -1;
                for (int j = 0; j < w.taps; j++) {
                    int overlap = w.weight[j * dst + d];
                    if (overlap > 0) {
                        int c = next[w.first[d] + j]++;
                        target[c] = d;
                        weight[c] = overlap;
                        assigns[c] = last < 0;
                        last = c;
                    }
                }
                completes[last] = true;
            }
        }
    }

    /**
     * Per output index d: the first of {@code taps} consecutive source pixels and their integer
     * overlaps, tap-major ({@code weight[j*dst + d]}); footprints shorter than taps get zero
     * weights, shifted to stay inside the source.
     */
    private static final class AxisWeights {
        final int taps;
        final int[] first;
        final int[] weight;

        AxisWeights(int src, int dst) {
            int[] lo = new int[dst];
            int[] hi = new int[dst];
            int maxCount = 0;
            for (int d = 0; d < dst; d++) {
                // Output pixel d covers [d*src, (d+1)*src); source pixel s covers [s*dst, (s+1)*dst).
                lo[d] = (int) ((long) d * src / dst);
                hi[d] = (int) (((long) (d + 1) * src + dst - 1) / dst);
                maxCount = Math.max(maxCount, hi[d] - lo[d]);
            }
            taps = maxCount;
            first = new int[dst];
            weight = new int[dst * taps];
            for (int d = 0; d < dst; d++) {
                first[d] = Math.min(lo[d], src - taps);
                long from = (long) d * src;
                long to = (long) (d + 1) * src;
                for (int s = lo[d]; s < hi[d]; s++) {
                    long overlap = Math.min(to, (long) (s + 1) * dst) - Math.max(from, (long) s * dst);
                    weight[(s - first[d]) * dst + d] = (int) overlap;
                }
            }
        }
    }
}
