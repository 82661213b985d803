package sparsedrl.analysis.stats;

import java.util.Arrays;
import java.util.List;

/**
 * rliable's aggregate statistics of scores grouped by task (one array of run scores per task):
 * the IQM and optimality gap over all runs pooled, the run-score distribution behind performance
 * profiles, and the probability of improvement between two algorithms on the same tasks.
 */
public final class TaskScores {

    private TaskScores() {
    }

    /** Interquartile mean of all runs of all tasks pooled. */
    public static double iqm(List<double[]> tasks) {
        return Iqm.of(pool(tasks));
    }

    /**
     * Optimality gap: γ − mean(min(x, γ)) over all runs pooled, i.e. how far on average the runs
     * fall short of the target γ (scores above γ count as γ).
     */
    public static double optimalityGap(List<double[]> tasks, double gamma) {
        double[] all = pool(tasks);
        if (all.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : all) {
            s += Math.min(v, gamma);
        }
        return gamma - s / all.length;
    }

    /**
     * Run-score distribution: for each threshold τ, the fraction of runs scoring strictly above τ,
     * computed per task and averaged over tasks (each task weighs the same, whatever its run count).
     */
    public static void runScoreDistribution(List<double[]> tasks, double[] taus, double[] out) {
        Arrays.fill(out, 0, taus.length, 0.0);
        for (double[] runs : tasks) {
            for (int k = 0; k < taus.length; k++) {
                int above = 0;
                for (double v : runs) {
                    if (v > taus[k]) {
                        above++;
                    }
                }
                out[k] += (double) above / runs.length;
            }
        }
        for (int k = 0; k < taus.length; k++) {
            out[k] /= tasks.size();
        }
    }

    /**
     * Probability of improvement P(X > Y): per task the Mann–Whitney U statistic over all pairs of a
     * run of X and a run of Y (a tie counts one half) divided by the number of pairs, averaged over
     * tasks. {@code x.get(t)} and {@code y.get(t)} must be the same task.
     */
    public static double probabilityOfImprovement(List<double[]> x, List<double[]> y) {
        if (x.size() != y.size() || x.isEmpty()) {
            throw new IllegalArgumentException("probability of improvement needs the same, non-empty task list on "
                    + "both sides (got " + x.size() + " and " + y.size() + " tasks)");
        }
        double sum = 0;
        for (int t = 0; t < x.size(); t++) {
            double u = 0;
            for (double a : x.get(t)) {
                for (double b : y.get(t)) {
                    u += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
            sum += u / ((double) x.get(t).length * y.get(t).length);
        }
        return sum / x.size();
    }

    static int pooledSize(List<double[]> tasks) {
        int n = 0;
        for (double[] t : tasks) {
            n += t.length;
        }
        return n;
    }

    static double[] pool(List<double[]> tasks) {
        double[] all = new double[pooledSize(tasks)];
        int k = 0;
        for (double[] t : tasks) {
            System.arraycopy(t, 0, all, k, t.length);
            k += t.length;
        }
        return all;
    }
}
