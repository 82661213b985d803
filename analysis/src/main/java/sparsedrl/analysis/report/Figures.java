package sparsedrl.analysis.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.knowm.xchart.XYChart;
import sparsedrl.analysis.plot.Curves;
import sparsedrl.analysis.plot.PanelWriter;
import sparsedrl.analysis.runs.ConfigKey;
import sparsedrl.analysis.runs.MetricsTable;
import sparsedrl.analysis.runs.RunOutcome;

/**
 * The paper's figures from configuration statistics. Each figure is drawn only when the sweep has
 * the configurations it needs; {@link #draw} returns a line per figure saying what was written or
 * why not.
 */
final class Figures {

    static final Color PRUNE = new Color(0x1f77b4);
    static final Color RIGL = new Color(0xff7f0e);
    static final Color RIGL0 = new Color(0x2ca02c);
    static final Color DENSE = new Color(0x555555);
    static final Color OTHER = new Color(0x9467bd);

    static final Predicate<ConfigKey> IS_PRUNE = k -> k.method().equals("prune");
    static final Predicate<ConfigKey> IS_RIGL20 = k -> k.method().equals("rigl")
            && (k.sparseStart() == null || k.sparseStart() == 0.2);
    static final Predicate<ConfigKey> IS_RIGL0 = k -> k.isMethod("rigl", 0.0);
    static final Predicate<ConfigKey> IS_DENSE = k -> k.method().equals("dense");

    private Figures() {
    }

    /**
     * A figure written as {@code base.png} and {@code base.svg}, or not drawn ({@code base} null).
     *
     * @param line what was written or why not, for the summary
     */
    record Output(String line, Path base) {

        static Output drawn(String line, Path base) {
            return new Output(line, base);
        }

        static Output skipped(String line) {
            return new Output(line, null);
        }

        Path svg() {
            return base.resolveSibling(base.getFileName() + ".svg");
        }
    }

    static List<Output> draw(List<ConfigStats> all, Path outDir) throws IOException {
        List<ConfigStats> stats = all.stream().filter(s -> s.key().extra().isEmpty()).toList();
        List<Output> out = new ArrayList<>();
        out.add(returnVsSparsity(stats, outDir.resolve("fig1_return_vs_sparsity"), "Figure 1",
                Map.of("prune", IS_PRUNE, "rigl@0.2", IS_RIGL20), true));
        out.add(dormantOverTraining(stats, outDir.resolve("fig2_dormant")));
        out.add(returnVsSparsity(stats.stream().filter(s -> s.key().bias()).toList(),
                outDir.resolve("fig3_rigl_start"), "Figure 3",
                orderedMap("rigl@0", IS_RIGL0, "rigl@0.2", IS_RIGL20, "prune", IS_PRUNE), false));
        out.add(Output.skipped(learningCurves(all, outDir.resolve("curves"))));
        return out;
    }

    private static Map<String, Predicate<ConfigKey>> orderedMap(Object... kv) {
        Map<String, Predicate<ConfigKey>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            Predicate<ConfigKey> p = (Predicate<ConfigKey>) kv[i + 1];
            m.put((String) kv[i], p);
        }
        return m;
    }

    private static Color colour(String method) {
        return switch (method) {
            case "prune" -> PRUNE;
            case "rigl@0.2" -> RIGL;
            case "rigl@0" -> RIGL0;
            default -> OTHER;
        };
    }

    /** The colour of a configuration's method in every figure. */
    static Color colour(ConfigKey k) {
        return IS_DENSE.test(k) ? DENSE : IS_PRUNE.test(k) ? PRUNE : IS_RIGL20.test(k) ? RIGL
                : IS_RIGL0.test(k) ? RIGL0 : OTHER;
    }

    /** Final return against sparsity per game, one series per method × bias, dense as a flat line. */
    private static Output returnVsSparsity(List<ConfigStats> stats, Path base, String figure,
                                           Map<String, Predicate<ConfigKey>> methods, boolean withNoBias)
            throws IOException {
        Map<String, Predicate<ConfigKey>> order = new LinkedHashMap<>(methods);
        if (figure.equals("Figure 3") && stats.stream().noneMatch(s -> IS_RIGL0.test(s.key()) && s.usableCount() > 0)) {
            return Output.skipped(figure + ": not drawn (needs rigl with --sparse-start 0)");
        }
        List<XYChart> panels = new ArrayList<>();
        for (String env : games(stats)) {
            XYChart c = Curves.panel(env, "sparsity", "final return (mean of last 10% evals)");
            TreeSet<Double> xs = new TreeSet<>();
            boolean any = false;
            for (var m : order.entrySet()) {
                for (boolean bias : withNoBias ? new boolean[] {true, false} : new boolean[] {true}) {
                    List<ConfigStats> series = stats.stream()
                            .filter(s -> s.key().env().equals(env) && m.getValue().test(s.key())
                                    && s.key().bias() == bias && s.usableCount() > 0)
                            .sorted(Comparator.comparingDouble(s -> s.key().sparsity())).toList();
                    if (series.isEmpty()) {
                        continue;
                    }
                    double[] x = series.stream().mapToDouble(s -> s.key().sparsity()).toArray();
                    for (double v : x) {
                        xs.add(v);
                    }
                    String name = m.getKey() + (bias ? "" : " no-bias");
                    Curves.band(c, name, x, series.stream().mapToDouble(s -> s.mean().low()).toArray(),
                            series.stream().mapToDouble(s -> s.mean().high()).toArray(), colour(m.getKey()));
                    Curves.line(c, name, x, series.stream().mapToDouble(s -> s.mean().estimate()).toArray(),
                            colour(m.getKey()), !bias);
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            for (boolean bias : withNoBias ? new boolean[] {true, false} : new boolean[] {true}) {
                stats.stream().filter(s -> s.key().env().equals(env) && IS_DENSE.test(s.key())
                                && s.key().bias() == bias && s.usableCount() > 0)
                        .findFirst().ifPresent(d -> {
                            double[] x = {xs.first(), xs.last()};
                            double y = d.mean().estimate();
                            Curves.line(c, "dense" + (bias ? "" : " no-bias"), x, new double[] {y, y}, DENSE, !bias)
                                    .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                        });
            }
            panels.add(c);
        }
        if (panels.isEmpty()) {
            return Output.skipped(figure + ": not drawn (no finished sparse runs of " + String.join(", ", order.keySet()) + ")");
        }
        PanelWriter.write(panels, 3, base);
        return Output.drawn(figure + ": " + base.getFileName() + ".png/.svg (" + panels.size() + " panels)", base);
    }

    /** Dormant fraction over training at the lowest and highest sparsity, per game. */
    private static Output dormantOverTraining(List<ConfigStats> stats, Path base) throws IOException {
        List<ConfigStats> sparse = stats.stream()
                .filter(s -> (IS_PRUNE.test(s.key()) || IS_RIGL20.test(s.key()))
                        && s.runs().stream().anyMatch(o -> o.usable() && o.metrics() != null
                        && o.metrics().has(MetricsTable.DORMANT_HEADLINE)))
                .toList();
        if (sparse.isEmpty()) {
            return Output.skipped("Figure 2: not drawn (no finished prune/rigl runs with a " + MetricsTable.DORMANT_HEADLINE + " column)");
        }
        TreeSet<Double> levels = new TreeSet<>();
        sparse.forEach(s -> levels.add(s.key().sparsity()));
        List<Double> shown = levels.size() == 1 ? List.of(levels.first()) : List.of(levels.first(), levels.last());
        List<XYChart> panels = new ArrayList<>();
        for (String env : games(sparse)) {
            for (double sp : shown) {
                XYChart c = Curves.panel(env + ", sparsity " + sp, "frames", "dormant fraction (tau 0.025)");
                boolean any = false;
                for (ConfigStats s : sparse) {
                    if (!s.key().env().equals(env) || s.key().sparsity() != sp) {
                        continue;
                    }
                    List<MetricsTable> tables = s.runs().stream().filter(RunOutcome::usable).map(RunOutcome::metrics).toList();
                    SeedCurve curve = SeedCurve.of(tables, MetricsTable.DORMANT_HEADLINE);
                    if (curve.isEmpty()) {
                        continue;
                    }
                    String method = IS_PRUNE.test(s.key()) ? "prune" : "rigl@0.2";
                    String name = method + (s.key().bias() ? "" : " no-bias");
                    Curves.band(c, name, curve.x(), curve.low(), curve.high(), colour(method));
                    Curves.line(c, name, curve.x(), curve.mean(), colour(method), !s.key().bias());
                    any = true;
                }
                if (any) {
                    panels.add(c);
                }
            }
        }
        if (panels.isEmpty()) {
            return Output.skipped("Figure 2: not drawn (no dormant data)");
        }
        PanelWriter.write(panels, shown.size(), base);
        return Output.drawn("Figure 2: " + base.getFileName() + ".png/.svg (" + panels.size() + " panels)", base);
    }

    /** One file per configuration: evaluation return over training, mean across seeds with a t band. */
    private static String learningCurves(List<ConfigStats> stats, Path dir) throws IOException {
        int n = 0;
        for (ConfigStats s : stats) {
            List<MetricsTable> tables = s.runs().stream().map(RunOutcome::metrics).filter(m -> m != null).toList();
            SeedCurve eval = SeedCurve.of(tables, MetricsTable.EVAL_RETURN);
            SeedCurve train = SeedCurve.of(tables, MetricsTable.TRAIN_RETURN);
            if (eval.isEmpty() && train.isEmpty()) {
                continue;
            }
            XYChart c = Curves.panel(s.key().env() + " " + s.key().label() + " (" + tables.size() + " seeds)",
                    "frames", "return");
            Curves.band(c, "train", train.x(), train.low(), train.high(), PRUNE);
            Curves.line(c, "train return", train.x(), train.mean(), PRUNE, false);
            Curves.band(c, "eval", eval.x(), eval.low(), eval.high(), RIGL);
            Curves.line(c, "eval return", eval.x(), eval.mean(), RIGL, false);
            if (c.getSeriesMap().isEmpty()) {
                continue;
            }
            PanelWriter.write(List.of(c), 1, dir.resolve(s.key().fileName()));
            n++;
        }
        return "Learning curves: " + n + " panels under " + dir.getFileName() + "/";
    }

    private static List<String> games(List<ConfigStats> stats) {
        return stats.stream().map(s -> s.key().env()).distinct().sorted().toList();
    }
}
