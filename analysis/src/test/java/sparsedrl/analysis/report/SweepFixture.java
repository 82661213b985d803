package sparsedrl.analysis.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.RunLoader;
import sparsedrl.analysis.runs.SweepManifest;

/**
 * A hand-made sweep on disk whose right verdicts are known by construction: each run gets a
 * planted final return (the mean of its last two evaluations, the final 10% of 20 iterations) and
 * a planted dormant-fraction curve over the training fraction.
 */
final class SweepFixture {

    static final int ITERATIONS = 20;
    static final long FRAMES_PER_ITERATION = 1000;

    /** One run: its configuration, seed, final return and dormant fraction at each training fraction. */
    record Run(String env, String method, Double start, double sparsity, boolean bias, long seed, double finalReturn,
               DoubleUnaryOperator dormant) {
    }

    private final List<Run> runs = new ArrayList<>();

    SweepFixture add(String env, String method, double sparsity, boolean bias, long seed, double finalReturn,
                     DoubleUnaryOperator dormant) {
        String m = method.split("@")[0];
        Double start = method.contains("@") ? Double.valueOf(method.split("@")[1]) : null;
        runs.add(new Run(env, m, start, sparsity, bias, seed, finalReturn, dormant));
        return this;
    }

    SweepFixture add(String env, String method, double sparsity, boolean bias, long seed, double finalReturn) {
        return add(env, method, sparsity, bias, seed, finalReturn, f -> 0.1);
    }

    /** Writes sweep.json and every run's metrics.csv and result.json under {@code dir}. */
    Path write(Path dir) throws IOException {
        List<RunEntry> entries = new ArrayList<>();
        for (Run r : runs) {
            String id = String.format(Locale.ROOT, "%s_%s%s_%s_%s_s%d", r.env(), r.method(),
                    r.start() == null ? "" : "@" + r.start(), r.sparsity(), r.bias() ? "bias" : "nobias", r.seed())
                    .replaceAll("[^A-Za-z0-9.@_-]", "-");
            entries.add(new RunEntry(entries.size(), id, r.env(), r.method(), r.sparsity(), r.bias(), r.start(), r.seed(),
                    ITERATIONS * FRAMES_PER_ITERATION, Map.of(), List.of("--env", r.env()), Map.of()));
        }
        new SweepManifest("fixture", 1.0, entries).write(dir);
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Path rd = SweepManifest.runDir(dir, entries.get(i));
            Files.createDirectories(rd);
            StringBuilder sb = new StringBuilder("iteration,frames,train_return,eval_return,dormant_0.025\n");
            for (int it = 0; it < ITERATIONS; it++) {
                double eval = it == ITERATIONS - 2 ? r.finalReturn() - 1 : it == ITERATIONS - 1 ? r.finalReturn() + 1 : 0;
                double fraction = (it + 1) / (double) ITERATIONS;
                sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f%n", it, (it + 1) * FRAMES_PER_ITERATION,
                        eval * 0.9, eval, r.dormant().applyAsDouble(fraction)));
            }
            Files.writeString(rd.resolve(RunLoader.METRICS), sb.toString());
            Files.writeString(rd.resolve(RunLoader.RESULT), "{}");
        }
        return dir;
    }

    /** The sweep's configuration statistics, as analyze computes them. */
    static List<ConfigStats> stats(Path sweep, int replicates) throws IOException {
        return new Aggregator(replicates, 1).aggregate(RunLoader.load(sweep, SweepManifest.read(sweep)));
    }
}
