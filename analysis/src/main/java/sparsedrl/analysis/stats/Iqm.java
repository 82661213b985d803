package sparsedrl.analysis.stats;

import java.util.Arrays;

/**
 * Interquartile mean: the 25% trimmed mean (rliable, scipy.stats.trim_mean with proportion 0.25):
 * sort, drop floor(0.25 n) values at each end, average the rest.
 */
public final class Iqm {

    private Iqm() {
    }

    public static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted);
    }

    /** Same as {@link #of} for an already sorted array. */
    static double ofSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        int cut = (int) (0.25 * n);
        double s = 0;
        for (int i = cut; i < n - cut; i++) {
            s += sorted[i];
        }
        return s / (n - 2 * cut);
    }
}
