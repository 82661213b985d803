package sparsedrl.agent.env.atari;

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
 * <p>Speed: the sums are integers below 2^24, so float arithmetic keeps them exact and the order
 * of the additions does not matter. Each output row is made from a row of vertical sums (a loop
 * along whole source rows that C2 vectorizes) and then its horizontal footprints. The resize keeps
 * the source levels and the output of its previous image: a {@link RowSource} that knows which
 * rows did not change since then ({@link RowSource#unchanged}) saves their reading, and every
 * output row whose source rows are all unchanged is kept as it was. Consecutive Atari screens
 * differ in a few rows only (the moving objects), so most of a step's work is skipped.
 *
 * <p>{@link #apply(RowSource, byte[])} allocates nothing but keeps state: one instance per thread
 * and per image stream.
 */
public final class AreaResize {
    /** Largest srcH*srcW whose sums (at most 255*srcH*srcW) floats hold exactly. */
    private static final int MAX_EXACT_AREA = (1 << 24) / 255;

    /** The source image, one row at a time. */
    @FunctionalInterface
    public interface RowSource {
        /** Writes the levels (0..255) of source row {@code y} into {@code out} (length srcWidth). */
        void row(int y, int[] out);

        /**
         * True only when row {@code y} is identical to row y of the image that this resize
         * processed last. False, the default, is always correct; it just costs the work.
         */
        default boolean unchanged(int y) {
            return false;
        }
    }

    private final int srcHeight;
    private final int srcWidth;
    private final int dstHeight;
    private final int dstWidth;
    private final AxisWeights rows;
    private final AxisWeights cols;
    private final double denominator;
    private final int[] sourceRow;
    /** The levels of the current image, row-major srcHeight x srcWidth. */
    private final float[] levels;
    private final boolean[] rowChanged;
    /** The vertical sums of one output row (srcWidth). */
    private final float[] verticalSums;
    /** The output of the last image: rows whose sources did not change are kept from here. */
    private final byte[] lastOutput;
    private boolean hasLast;

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
        this.rows = new AxisWeights(srcHeight, dstHeight);
        this.cols = new AxisWeights(srcWidth, dstWidth);
        this.denominator = (double) srcHeight * srcWidth;
        this.sourceRow = new int[srcWidth];
        this.levels = new float[srcHeight * srcWidth];
        this.rowChanged = new boolean[srcHeight];
        this.verticalSums = new float[srcWidth];
        this.lastOutput = new byte[dstHeight * dstWidth];
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
        readChangedRows(src);
        for (int d = 0; d < dstHeight; d++) {
            if (!hasLast || sourcesChanged(d)) {
                verticalSums(d);
                horizontalSums(d);
            }
        }
        hasLast = true;
        System.arraycopy(lastOutput, 0, dst, 0, lastOutput.length);
    }

    private void readChangedRows(RowSource src) {
        int[] row = sourceRow;
        for (int y = 0; y < srcHeight; y++) {
            boolean changed = !hasLast || !src.unchanged(y);
            rowChanged[y] = changed;
            if (changed) {
                src.row(y, row);
                for (int x = 0, i = y * srcWidth; x < srcWidth; x++, i++) {
                    levels[i] = row[x];
                }
            }
        }
    }

    /** Whether any source row under output row {@code d} (with a non-zero weight) changed. */
    private boolean sourcesChanged(int d) {
        for (int j = 0; j < rows.taps; j++) {
            if (rows.weight[j * dstHeight + d] > 0 && rowChanged[rows.first[d] + j]) {
                return true;
            }
        }
        return false;
    }

    /** Output row d's source rows, weighted, summed along whole rows into {@code verticalSums}. */
    private void verticalSums(int d) {
        float[] sums = verticalSums;
        int width = srcWidth;
        int base = rows.first[d] * width;
        float w0 = rows.weight[d];
        for (int x = 0; x < width; x++) {
            sums[x] = w0 * levels[base + x];
        }
        for (int j = 1; j < rows.taps; j++) {
            float w = rows.weight[j * dstHeight + d];
            if (w == 0) {
                continue;
            }
            int from = base + j * width;
            for (int x = 0; x < width; x++) {
                sums[x] += w * levels[from + x];
            }
        }
    }

    /** Output row d: the horizontal footprints over {@code verticalSums}, divided and rounded. */
    private void horizontalSums(int d) {
        float[] sums = verticalSums;
        int n = dstWidth;
        int out = d * n;
        for (int dx = 0; dx < n; dx++) {
            int first = cols.first[dx];
            double sum = 0;
            for (int j = 0; j < cols.taps; j++) {
                sum += cols.weight[j * n + dx] * (double) sums[first + j];
            }
            lastOutput[out + dx] = (byte) (int) roundedMean(sum);
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
