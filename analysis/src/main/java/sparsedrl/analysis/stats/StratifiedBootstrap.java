package sparsedrl.analysis.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile stratified bootstrap (rliable): each replicate resamples, with replacement, the runs
 * within every task independently, pools them, and evaluates the statistic on the pooled sample.
 * The interval is the 2.5th and 97.5th percentile of the replicates (linear interpolation, as
 * numpy's default). Deterministic for a given seed.
 */
public final class StratifiedBootstrap {

    public static final int DEFAULT_REPLICATES = 50_000;

    private final int replicates;
    private final long seed;

    public StratifiedBootstrap(int replicates, long seed) {
        if (replicates < 1) {
            throw new IllegalArgumentException("bootstrap replicates must be >= 1, got " + replicates);
        }
        this.replicates = replicates;
        this.seed = seed;
    }

    /** IQM of the pooled runs × tasks with its 95% bootstrap interval; tasks are arrays of run scores. */
    public Interval iqm(List<double[]> tasks) {
        double point = Iqm.of(pool(tasks));
        if (pooledSize(tasks) == 0) {
            return Interval.pointOnly(Double.NaN);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] reps = new double[replicates];
        double[] buf = new double[pooledSize(tasks)];
        for (int r = 0; r < replicates; r++) {
            reps[r] = resampledIqm(tasks, rng, buf);
        }
        return percentile95(point, reps);
    }

    /**
     * IQM(a) − IQM(b) with its 95% bootstrap interval; the two groups are resampled independently,
     * each stratified by its own tasks.
     */
    public Interval iqmDifference(List<double[]> a, List<double[]> b) {
        if (pooledSize(a) == 0 || pooledSize(b) == 0) {
            return Interval.pointOnly(Double.NaN);
        }
        double point = Iqm.of(pool(a)) - Iqm.of(pool(b));
        SplittableRandom rng = new SplittableRandom(seed);
        double[] reps = new double[replicates];
        double[] bufA = new double[pooledSize(a)];
        double[] bufB = new double[pooledSize(b)];
        for (int r = 0; r < replicates; r++) {
            reps[r] = resampledIqm(a, rng, bufA) - resampledIqm(b, rng, bufB);
        }
        return percentile95(point, reps);
    }

    private static double resampledIqm(List<double[]> tasks, SplittableRandom rng, double[] buf) {
        int k = 0;
        for (double[] runs : tasks) {
            for (int i = 0; i < runs.length; i++) {
                buf[k++] = runs[rng.nextInt(runs.length)];
            }
        }
        Arrays.sort(buf);
        return Iqm.ofSorted(buf);
    }

    private static Interval percentile95(double point, double[] reps) {
        Arrays.sort(reps);
        return new Interval(point, percentileOfSorted(reps, 2.5), percentileOfSorted(reps, 97.5));
    }

    /** numpy.percentile with linear interpolation on a sorted array. */
    static double percentileOfSorted(double[] sorted, double pct) {
        double pos = pct / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    private static int pooledSize(List<double[]> tasks) {
        int n = 0;
        for (double[] t : tasks) {
            n += t.length;
        }
        return n;
    }

    private static double[] pool(List<double[]> tasks) {
        double[] all = new double[pooledSize(tasks)];
        int k = 0;
        for (double[] t : tasks) {
            System.arraycopy(t, 0, all, k, t.length);
            k += t.length;
        }
        return all;
    }
}
