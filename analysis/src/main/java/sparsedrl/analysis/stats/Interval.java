package sparsedrl.analysis.stats;

/** A point estimate with a confidence interval; bounds are NaN when no interval exists (e.g. n = 1). */
public record Interval(double estimate, double low, double high) {

    public static Interval pointOnly(double estimate) {
        return new Interval(estimate, Double.NaN, Double.NaN);
    }

    public boolean hasBounds() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** True when the whole interval lies strictly above zero. */
    public boolean above(double value) {
        return hasBounds() && low > value;
    }

    /** True when the whole interval lies strictly below zero. */
    public boolean below(double value) {
        return hasBounds() && high < value;
    }

    /** "12.3 [10.1, 14.5]" or "12.3 [n/a]". */
    public String format() {
        return hasBounds()
                ? String.format(java.util.Locale.ROOT, "%s [%s, %s]", num(estimate), num(low), num(high))
                : num(estimate) + " [n/a]";
    }

    /** A number as the reports print it: 3 decimals, 1 at 100 and above, 3 significant digits when tiny or huge. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(java.util.Locale.ROOT, "%.3g", v);
        }
        return String.format(java.util.Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
    }
}
