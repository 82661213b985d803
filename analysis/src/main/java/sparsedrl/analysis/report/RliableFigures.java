package sparsedrl.analysis.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.knowm.xchart.XYChart;
import sparsedrl.analysis.plot.Curves;
import sparsedrl.analysis.plot.IntervalChart;
import sparsedrl.analysis.plot.PanelWriter;
import sparsedrl.analysis.runs.ConfigKey;
import sparsedrl.analysis.stats.Interval;
import sparsedrl.analysis.stats.StratifiedBootstrap;
import sparsedrl.analysis.stats.TaskScores;

/**
 * rliable's views of a sweep (Agarwal et al. 2021), over the games as tasks and normalised final
 * returns ({@link ScoreNormaliser}): performance profiles (fraction of runs above each score, with
 * pointwise 95% bootstrap bands), IQM and optimality gap per configuration, and the probability of
 * improvement between the configurations the paper compares, each with a 95% stratified bootstrap
 * interval.
 */
final class RliableFigures {

    /** The optimality gap's target: the human score (1 on the normalised scale). */
    static final double GAMMA = 1.0;
    private static final int PROFILE_POINTS = 61;

    /** One configuration across games: its normalised final returns per game (games sorted). */
    record Across(ConfigKey key, Map<String, double[]> byGame) {

        List<double[]> tasks() {
            return List.copyOf(byGame.values());
        }
    }

    private final int replicates;
    private final long seed;

    RliableFigures(int replicates, long seed) {
        this.replicates = replicates;
        this.seed = seed;
    }

    List<Figures.Output> draw(List<ConfigStats> all, Path outDir) throws IOException {
        Map<String, Across> configs = acrossGames(all);
        List<Figures.Output> out = new ArrayList<>();
        if (configs.isEmpty()) {
            out.add(Figures.Output.skipped("rliable views: not drawn (no finished runs)"));
            return out;
        }
        out.add(profiles(configs, outDir.resolve("rliable_profiles")));
        out.add(aggregates(configs, outDir.resolve("rliable_iqm_optimality_gap")));
        out.add(improvement(configs, outDir.resolve("rliable_improvement")));
        return out;
    }

    /** Configurations keyed by their game-free label, by sparsity and then in ConfigKey order. */
    static Map<String, Across> acrossGames(List<ConfigStats> all) {
        List<ConfigStats> stats = all.stream().filter(s -> s.key().extra().isEmpty() && s.usableCount() > 0).toList();
        ScoreNormaliser norm = new ScoreNormaliser(stats);
        Map<String, Across> out = new LinkedHashMap<>();
        stats.stream().sorted((x, y) -> {
            int bySparsity = Double.compare(x.key().sparsity(), y.key().sparsity());
            return bySparsity != 0 ? bySparsity : x.key().compareTo(y.key());
        }).forEach(s -> out.computeIfAbsent(s.key().label(), l -> new Across(s.key(), new TreeMap<>()))
                .byGame().put(s.key().env(), norm.of(s)));
        return out;
    }

    private Figures.Output profiles(Map<String, Across> configs, Path base) throws IOException {
        double lo = 0;
        double hi = GAMMA;
        for (Across a : configs.values()) {
            for (double[] t : a.byGame().values()) {
                for (double v : t) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double[] taus = new double[PROFILE_POINTS];
        for (int k = 0; k < taus.length; k++) {
            taus[k] = lo + (hi - lo) * k / (taus.length - 1);
        }
        TreeSet<Double> levels = new TreeSet<>();
        configs.values().stream().filter(a -> !Figures.IS_DENSE.test(a.key())).forEach(a -> levels.add(a.key().sparsity()));
        List<XYChart> panels = new ArrayList<>();
        for (double level : levels.isEmpty() ? List.of(0.0) : levels) {
            XYChart c = Curves.panel(levels.isEmpty() ? "all configurations" : "sparsity " + ConfigKey.fmt(level),
                    "normalised score tau", "fraction of runs with score > tau");
            for (Across a : configs.values()) {
                if (!Figures.IS_DENSE.test(a.key()) && a.key().sparsity() != level) {
                    continue;
                }
                StratifiedBootstrap.Band band = new StratifiedBootstrap(replicates, seedOf("profile " + a.key().label()))
                        .band(a.tasks(), (t, o) -> TaskScores.runScoreDistribution(t, taus, o), taus.length,
                                StratifiedBootstrap.LEVEL_95);
                String name = a.key().seriesLabel();
                Curves.band(c, name, taus, band.low(), band.high(), Figures.colour(a.key()));
                Curves.line(c, name, taus, band.estimate(), Figures.colour(a.key()), !a.key().bias());
            }
            panels.add(c);
        }
        PanelWriter.write(panels, 2, base);
        return Figures.Output.drawn("rliable performance profiles: " + base.getFileName() + ".png/.svg ("
                + panels.size() + " panels, 95% bootstrap bands)", base);
    }

    private Figures.Output aggregates(Map<String, Across> configs, Path base) throws IOException {
        PanelWriter.write(List.of(
                IntervalChart.of("IQM (95% CI)", "normalised score", iqmRows(configs), Double.NaN),
                IntervalChart.of("Optimality gap, gamma = " + ConfigKey.fmt(GAMMA) + " (95% CI)", "normalised score",
                        gapRows(configs), Double.NaN)), 2, base);
        return Figures.Output.drawn("rliable IQM and optimality gap: " + base.getFileName() + ".png/.svg ("
                + configs.size() + " configurations)", base);
    }

    List<IntervalChart.Row> iqmRows(Map<String, Across> configs) {
        return rows(configs, "iqm ", TaskScores::iqm);
    }

    List<IntervalChart.Row> gapRows(Map<String, Across> configs) {
        return rows(configs, "gap ", t -> TaskScores.optimalityGap(t, GAMMA));
    }

    private List<IntervalChart.Row> rows(Map<String, Across> configs, String what, StratifiedBootstrap.Statistic stat) {
        List<IntervalChart.Row> rows = new ArrayList<>();
        for (Across a : configs.values()) {
            rows.add(new IntervalChart.Row(a.key().label() + " (" + a.byGame().size() + " games)",
                    new StratifiedBootstrap(replicates, seedOf(what + a.key().label()))
                            .interval(a.tasks(), stat, StratifiedBootstrap.LEVEL_95), Figures.colour(a.key())));
        }
        return rows;
    }

    private Figures.Output improvement(Map<String, Across> configs, Path base) throws IOException {
        List<IntervalChart.Row> rows = improvementRows(configs);
        if (rows.isEmpty()) {
            return Figures.Output.skipped("rliable probability of improvement: not drawn (no pair of compared "
                    + "configurations with runs on a common game)");
        }
        PanelWriter.write(List.of(IntervalChart.of("Probability of improvement P(X > Y) (95% CI)", "probability", rows,
                0.5)), 1, base);
        return Figures.Output.drawn("rliable probability of improvement: " + base.getFileName() + ".png/.svg ("
                + rows.size() + " pairs)", base);
    }

    /** P(X > Y) for the pairs the paper's findings compare, at every sparsity level where both sides ran. */
    List<IntervalChart.Row> improvementRows(Map<String, Across> configs) {
        Predicate<ConfigKey> bias = ConfigKey::bias;
        Predicate<ConfigKey> noBias = k -> !k.bias();
        List<String[]> pairs = List.of(
                new String[] {"prune", "rigl@0.2"}, new String[] {"rigl@0.2", "rigl@0"},
                new String[] {"rigl@0.2 no-bias", "rigl@0.2"}, new String[] {"prune no-bias", "prune"},
                new String[] {"rigl@0.2 no-bias", "prune"});
        Map<String, Predicate<ConfigKey>> sides = Map.of(
                "prune", Figures.IS_PRUNE.and(bias), "prune no-bias", Figures.IS_PRUNE.and(noBias),
                "rigl@0.2", Figures.IS_RIGL20.and(bias), "rigl@0.2 no-bias", Figures.IS_RIGL20.and(noBias),
                "rigl@0", Figures.IS_RIGL0.and(bias));
        TreeSet<Double> levels = new TreeSet<>();
        configs.values().forEach(a -> levels.add(a.key().sparsity()));
        List<IntervalChart.Row> rows = new ArrayList<>();
        for (double level : levels) {
            for (String[] p : pairs) {
                Across x = find(configs, sides.get(p[0]), level);
                Across y = find(configs, sides.get(p[1]), level);
                if (x == null || y == null) {
                    continue;
                }
                List<double[]> tx = new ArrayList<>();
                List<double[]> ty = new ArrayList<>();
                for (String game : x.byGame().keySet()) {
                    if (y.byGame().containsKey(game)) {
                        tx.add(x.byGame().get(game));
                        ty.add(y.byGame().get(game));
                    }
                }
                if (tx.isEmpty()) {
                    continue;
                }
                String label = "s=" + ConfigKey.fmt(level) + ": P(" + p[0] + " > " + p[1] + "), " + tx.size() + " games";
                Interval poi = new StratifiedBootstrap(replicates, seedOf("poi " + label))
                        .compare(tx, ty, TaskScores::probabilityOfImprovement, StratifiedBootstrap.LEVEL_95);
                rows.add(new IntervalChart.Row(label, poi, Figures.colour(x.key())));
            }
        }
        return rows;
    }

    private static Across find(Map<String, Across> configs, Predicate<ConfigKey> side, double level) {
        return configs.values().stream().filter(a -> side.test(a.key()) && a.key().sparsity() == level)
                .findFirst().orElse(null);
    }

    private long seedOf(String what) {
        return seed * 1_000_003L + what.hashCode();
    }
}
