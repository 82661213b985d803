package sparsedrl.agent.env.atari;

/**
 * Downscales a single-channel uint8 image by area averaging, the rule of OpenCV's
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
 * <p>{@link #apply} allocates nothing but uses a scratch row: one instance per thread.
 */
public final class AreaResize {
    private final int srcHeight;
    private final int srcWidth;
    private final int dstHeight;
    private final int dstWidth;
    private final AxisWeights rows;
    private final AxisWeights cols;
    private final int denominator;
    private final int twiceDenominator;
    private final long magic;
    private final int magicShift;
    /** Scratch row of weighted column sums: this makes an instance single-threaded. */
    private final int[] columnSums;
    private final int[] rowSums;

    public AreaResize(int srcHeight, int srcWidth, int dstHeight, int dstWidth) {
        if (dstHeight < 1 || dstWidth < 1 || dstHeight > srcHeight || dstWidth > srcWidth) {
            throw new IllegalArgumentException("area resize only shrinks: " + srcHeight + "x" + srcWidth
                    + " -> " + dstHeight + "x" + dstWidth);
        }
        this.srcHeight = srcHeight;
        this.srcWidth = srcWidth;
        this.dstHeight = dstHeight;
        this.dstWidth = dstWidth;
        this.rows = new AxisWeights(srcHeight, dstHeight);
        this.cols = new AxisWeights(srcWidth, dstWidth);
        // Weights along an axis sum to src (in units of 1/dst), so a sum is at most 255*srcH*srcW
        // and the rounding dividend 2*sum + srcH*srcW at most 511*srcH*srcW.
        if ((long) srcHeight * srcWidth * 511 * 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("source too large for int sums: " + srcHeight + "x" + srcWidth);
        }
        this.denominator = srcHeight * srcWidth;
        this.twiceDenominator = 2 * denominator;
        int log2 = 64 - Long.numberOfLeadingZeros(twiceDenominator - 1L);
        this.magicShift = 32 + log2;
        this.magic = ((1L << magicShift) + twiceDenominator - 1) / twiceDenominator;
        this.columnSums = new int[srcWidth];
        this.rowSums = new int[dstWidth];
    }

    public int srcSize() {
        return srcHeight * srcWidth;
    }

    public int dstSize() {
        return dstHeight * dstWidth;
    }

    /** Resizes {@code src} (row-major srcHeight x srcWidth) into {@code dst} (dstHeight x dstWidth). */
    public void apply(byte[] src, byte[] dst) {
        int[] column = columnSums;
        for (int dy = 0; dy < dstHeight; dy++) {
            // Vertical pass over whole rows: weighted column sums (the first tap assigns, saving a clear).
            int base0 = rows.first[dy] * srcWidth;
            int w0 = rows.weight[dy];
            for (int x = 0; x < srcWidth; x++) {
                column[x] = w0 * (src[base0 + x] & 0xFF);
            }
            for (int i = 1; i < rows.taps; i++) {
                int w = rows.weight[i * dstHeight + dy];
                int base = base0 + i * srcWidth;
                for (int x = 0; x < srcWidth; x++) {
                    column[x] += w * (src[base + x] & 0xFF);
                }
            }
            horizontalPass(column, dst, dy * dstWidth);
        }
    }

    /**
     * Resizes the pixelwise maximum of {@code a} and {@code b} (Dopamine's max-pool of the last two
     * frames) into {@code dst}, without materialising the pooled frame.
     */
    public void applyToMax(byte[] a, byte[] b, byte[] dst) {
        int[] column = columnSums;
        for (int dy = 0; dy < dstHeight; dy++) {
            int base0 = rows.first[dy] * srcWidth;
            int w0 = rows.weight[dy];
            for (int x = 0; x < srcWidth; x++) {
                column[x] = w0 * Math.max(a[base0 + x] & 0xFF, b[base0 + x] & 0xFF);
            }
            for (int i = 1; i < rows.taps; i++) {
                int w = rows.weight[i * dstHeight + dy];
                int base = base0 + i * srcWidth;
                for (int x = 0; x < srcWidth; x++) {
                    column[x] += w * Math.max(a[base + x] & 0xFF, b[base + x] & 0xFF);
                }
            }
            horizontalPass(column, dst, dy * dstWidth);
        }
    }

    /**
     * The weighted sum of the columns under each output pixel of one output row, divided and
     * rounded. Taps are the outer loop so the inner loops run the whole row (short, variable
     * per-pixel loops cost several times more); weights are zero-padded to a fixed tap count.
     */
    private void horizontalPass(int[] column, byte[] dst, int rowStart) {
        int[] first = cols.first;
        int[] weight = cols.weight;
        int n = dstWidth;
        int[] sums = rowSums;
        for (int dx = 0; dx < n; dx++) {
            sums[dx] = weight[dx] * column[first[dx]];
        }
        for (int j = 1; j < cols.taps; j++) {
            int wBase = j * n;
            for (int dx = 0; dx < n; dx++) {
                sums[dx] += weight[wBase + dx] * column[first[dx] + j];
            }
        }
        for (int dx = 0; dx < n; dx++) {
            dst[rowStart + dx] = (byte) divideRounded(sums[dx]);
        }
    }

    /**
     * sum / denominator rounded half to even, without an unpredictable branch or a hardware
     * division: (2*sum + den) / (2*den) rounds halves up, and an exact tie landing on an odd
     * number steps back down. The quotient is a multiply and shift by a precomputed reciprocal
     * (exact for every dividend below 2^32, Granlund and Montgomery 1994).
     */
    private int divideRounded(int sum) {
        int t = 2 * sum + denominator;
        int q = (int) ((t * magic) >>> magicShift);
        int rest = t - q * twiceDenominator;
        return q - ((rest == 0 ? 1 : 0) & q);
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
