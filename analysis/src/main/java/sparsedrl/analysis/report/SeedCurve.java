package sparsedrl.analysis.report;

import java.util.ArrayList;
import java.util.List;
import sparsedrl.analysis.runs.MetricsTable;
import sparsedrl.analysis.stats.Interval;
import sparsedrl.analysis.stats.StudentT;

/**
 * A metric over training averaged across seeds, iteration by iteration (up to the shortest run),
 * with a Student-t 95% band; x is the frame count of the first run (its iteration index if absent).
 */
record SeedCurve(double[] x, double[] mean, double[] low, double[] high) {

    static SeedCurve of(List<MetricsTable> runs, String column) {
        List<MetricsTable> with = new ArrayList<>();
        for (MetricsTable m : runs) {
            if (m != null && m.has(column) && m.rows() > 0) {
                with.add(m);
            }
        }
        if (with.isEmpty()) {
            return new SeedCurve(new double[0], new double[0], new double[0], new double[0]);
        }
        int n = with.stream().mapToInt(MetricsTable::rows).min().orElse(0);
        MetricsTable first = with.get(0);
        double[] x = new double[n];
        double[] fx = first.has(MetricsTable.FRAMES) ? first.column(MetricsTable.FRAMES) : null;
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        List<double[]> cols = with.stream().map(m -> m.column(column)).toList();
        for (int i = 0; i < n; i++) {
            x[i] = fx != null ? fx[i] : i;
            final int row = i;
            double[] v = cols.stream().mapToDouble(c -> c[row]).filter(Double::isFinite).toArray();
            Interval ci = StudentT.meanInterval95(v);
            mean[i] = ci.estimate();
            lo[i] = ci.low();
            hi[i] = ci.high();
        }
        return new SeedCurve(x, mean, lo, hi);
    }

    boolean isEmpty() {
        return x.length == 0;
    }
}
