package sparsedrl.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile stratified bootstrap (rliable): each replicate resamples, with replacement, the runs
 * within every task independently and evaluates the statistic on the resampled tasks. The interval
 * at level L is the (1 − L)/2 and (1 + L)/2 percentiles of the replicates (linear interpolation, as
 * numpy's default); 95% unless stated. Deterministic for a given seed.
 */
public final class StratifiedBootstrap {

    public static final int DEFAULT_REPLICATES = 50_000;
    public static final double LEVEL_95 = 0.95;

    /** A statistic of run scores grouped by task. */
    @FunctionalInterface
    public interface Statistic {
        double of(List<double[]> tasks);
    }

    /** A statistic of two groups on the same tasks, e.g. the probability of improvement. */
    @FunctionalInterface
    public interface PairStatistic {
        double of(List<double[]> a, List<double[]> b);
    }

    /** A statistic with several values (a curve), written into {@code out}. */
    @FunctionalInterface
    public interface CurveStatistic {
        void of(List<double[]> tasks, double[] out);
    }

    /** A curve with a pointwise percentile band. */
    public record Band(double[] estimate, double[] low, double[] high) {
    }

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
        return interval(tasks, TaskScores::iqm, LEVEL_95);
    }

    /**
     * IQM(a) − IQM(b) with its 95% bootstrap interval; the two groups are resampled independently,
     * each stratified by its own tasks.
     */
    public Interval iqmDifference(List<double[]> a, List<double[]> b) {
        return difference(a, b, TaskScores::iqm, LEVEL_95);
    }

    /** The statistic with its bootstrap interval at {@code level}; no interval for no runs. */
    public Interval interval(List<double[]> tasks, Statistic stat, double level) {
        if (TaskScores.pooledSize(tasks) == 0) {
            return Interval.pointOnly(Double.NaN);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> buf = buffers(tasks);
        double[] reps = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            resample(tasks, rng, buf);
            reps[r] = stat.of(buf);
        }
        return percentiles(stat.of(tasks), reps, level);
    }

    /** stat(a) − stat(b), the two groups resampled independently (a first in each replicate). */
    public Interval difference(List<double[]> a, List<double[]> b, Statistic stat, double level) {
        return compare(a, b, (x, y) -> stat.of(x) - stat.of(y), level);
    }

    /** A statistic of two groups, each resampled within its own tasks (a first in each replicate). */
    public Interval compare(List<double[]> a, List<double[]> b, PairStatistic stat, double level) {
        if (TaskScores.pooledSize(a) == 0 || TaskScores.pooledSize(b) == 0) {
            return Interval.pointOnly(Double.NaN);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> bufA = buffers(a);
        List<double[]> bufB = buffers(b);
        double[] reps = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            resample(a, rng, bufA);
            resample(b, rng, bufB);
            reps[r] = stat.of(bufA, bufB);
        }
        return percentiles(stat.of(a, b), reps, level);
    }

    /** A curve of {@code points} values with its pointwise bootstrap band at {@code level}. */
    public Band band(List<double[]> tasks, CurveStatistic stat, int points, double level) {
        double[] estimate = new double[points];
        double[] low = new double[points];
        double[] high = new double[points];
        if (TaskScores.pooledSize(tasks) == 0) {
            Arrays.fill(estimate, Double.NaN);
            Arrays.fill(low, Double.NaN);
            Arrays.fill(high, Double.NaN);
            return new Band(estimate, low, high);
        }
        stat.of(tasks, estimate);
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> buf = buffers(tasks);
        double[][] reps = new double[points][replicates];
        double[] curve = new double[points];
        for (int r = 0; r < replicates; r++) {
            resample(tasks, rng, buf);
            stat.of(buf, curve);
            for (int k = 0; k < points; k++) {
                reps[k][r] = curve[k];
            }
        }
        for (int k = 0; k < points; k++) {
            Interval i = percentiles(estimate[k], reps[k], level);
            low[k] = i.low();
            high[k] = i.high();
        }
        return new Band(estimate, low, high);
    }

    private static List<double[]> buffers(List<double[]> tasks) {
        List<double[]> buf = new ArrayList<>(tasks.size());
        for (double[] t : tasks) {
            buf.add(new double[t.length]);
        }
        return buf;
    }

    /** Draws every task's runs with replacement into {@code into}, task by task, run by run. */
    private static void resample(List<double[]> tasks, SplittableRandom rng, List<double[]> into) {
        for (int t = 0; t < tasks.size(); t++) {
            double[] runs = tasks.get(t);
            double[] out = into.get(t);
            for (int i = 0; i < runs.length; i++) {
                out[i] = runs[rng.nextInt(runs.length)];
            }
        }
    }

    private static Interval percentiles(double point, double[] reps, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must lie in (0, 1), got " + level);
        }
        Arrays.sort(reps);
        // 50 ∓ 50·L keeps 2.5 and 97.5 exact for L = 0.95
        double half = 50 * level;
        return new Interval(point, percentileOfSorted(reps, 50 - half), percentileOfSorted(reps, 50 + half));
    }

    /** numpy.percentile with linear interpolation on a sorted array. */
    static double percentileOfSorted(double[] sorted, double pct) {
        double pos = pct / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}
