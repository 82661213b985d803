package sparsedrl.sparsity;

/** Schedules of SPEC.md section 5, as pure functions of the update counter t. */
public final class SparsitySchedules {

    private SparsitySchedules() {
    }

    /**
     * Gradual magnitude pruning (Zhu and Gupta): s_F * (1 - (1 - p)^3) with
     * p = clip(t + 1 - tStart, 0, tEnd - tStart) / (tEnd - tStart). Requires tEnd &gt; tStart.
     */
    public static double cubic(double finalSparsity, long t, long tStart, long tEnd) {
        if (tEnd <= tStart) {
            throw new IllegalArgumentException("cubic schedule needs tEnd > tStart, got " + tStart + ".." + tEnd);
        }
        long span = tEnd - tStart;
        long progressed = Math.max(0, Math.min(t + 1 - tStart, span));
        double p = (double) progressed / span;
        double r = 1 - p;
        return finalSparsity * (1 - r * r * r);
    }

    /**
     * RigL drop fraction: f0 * 1/2 * (1 + cos(pi * min(t, tEnd) / tEnd)); 0 when tEnd &lt;= 0 (no
     * topology updates can happen then).
     */
    public static double cosineDropFraction(double f0, long t, long tEnd) {
        if (tEnd <= 0) {
            return 0;
        }
        double x = (double) Math.min(t, tEnd) / tEnd;
        return f0 * 0.5 * (1 + Math.cos(Math.PI * x));
    }
}
