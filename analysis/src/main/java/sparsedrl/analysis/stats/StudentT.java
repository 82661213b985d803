package sparsedrl.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/** Mean over seeds with a two-sided Student-t confidence interval (n - 1 degrees of freedom). */
public final class StudentT {

    private StudentT() {
    }

    /** The 95% interval of the mean; no bounds for fewer than two values, NaN estimate for none. */
    public static Interval meanInterval95(double[] values) {
        return meanInterval(values, 0.95);
    }

    public static Interval meanInterval(double[] values, double level) {
        int n = values.length;
        if (n == 0) {
            return Interval.pointOnly(Double.NaN);
        }
        double mean = mean(values);
        if (n == 1) {
            return Interval.pointOnly(mean);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + level / 2);
        double half = t * sd / Math.sqrt(n);
        return new Interval(mean, mean - half, mean + half);
    }

    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
