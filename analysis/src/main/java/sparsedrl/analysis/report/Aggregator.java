package sparsedrl.analysis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sparsedrl.analysis.runs.ConfigKey;
import sparsedrl.analysis.runs.HumanScores;
import sparsedrl.analysis.runs.MetricsTable;
import sparsedrl.analysis.runs.RunOutcome;
import sparsedrl.analysis.stats.Interval;
import sparsedrl.analysis.stats.StratifiedBootstrap;
import sparsedrl.analysis.stats.StudentT;

/** Groups runs into configurations and computes each configuration's statistics. */
public final class Aggregator {

    private final int replicates;
    private final long seed;

    public Aggregator(int replicates, long seed) {
        this.replicates = replicates;
        this.seed = seed;
    }

    public List<ConfigStats> aggregate(List<RunOutcome> outcomes) {
        Map<ConfigKey, List<RunOutcome>> groups = new TreeMap<>();
        for (RunOutcome o : outcomes) {
            groups.computeIfAbsent(o.run().config(), k -> new ArrayList<>()).add(o);
        }
        List<ConfigStats> out = new ArrayList<>();
        for (var e : groups.entrySet()) {
            out.add(stats(e.getKey(), e.getValue()));
        }
        return out;
    }

    private ConfigStats stats(ConfigKey key, List<RunOutcome> runs) {
        double[] scores = runs.stream().filter(RunOutcome::usable).mapToDouble(RunOutcome::finalReturn).toArray();
        double[] dormant = runs.stream().filter(RunOutcome::usable).mapToDouble(RunOutcome::finalDormant)
                .filter(Double::isFinite).toArray();
        double[] dormantPhase = runs.stream().filter(RunOutcome::usable).mapToDouble(Aggregator::sparsePhaseDormant)
                .filter(Double::isFinite).toArray();
        Interval hns = null;
        if (HumanScores.has(key.env())) {
            double[] h = new double[scores.length];
            for (int i = 0; i < h.length; i++) {
                h[i] = HumanScores.normalise(key.env(), scores[i]).orElseThrow();
            }
            hns = StudentT.meanInterval95(h);
        }
        // A per-configuration seed keeps each interval reproducible regardless of which other
        // configurations the sweep has.
        long configSeed = seed * 1_000_003L + key.fileName().hashCode();
        Interval iqm = scores.length == 0 ? Interval.pointOnly(Double.NaN)
                : new StratifiedBootstrap(replicates, configSeed).iqm(List.of(scores));
        return new ConfigStats(key, List.copyOf(runs), scores, StudentT.meanInterval95(scores), iqm, hns,
                StudentT.meanInterval95(dormant), StudentT.meanInterval95(dormantPhase));
    }

    /** A run's headline dormant fraction averaged over the sparse phase; NaN when not logged. */
    static double sparsePhaseDormant(RunOutcome o) {
        return o.metrics() != null && o.metrics().has(MetricsTable.DORMANT_HEADLINE)
                ? o.metrics().windowMean(MetricsTable.DORMANT_HEADLINE, FindingsJudge.SPARSE_PHASE_START,
                FindingsJudge.SPARSE_PHASE_END)
                : Double.NaN;
    }
}
