package sparsedrl.analysis.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads every run of a sweep; never throws for a bad run, it reports it instead. */
public final class RunLoader {

    public static final String RESULT = "result.json";
    public static final String METRICS = "metrics.csv";

    private RunLoader() {
    }

    public static List<RunOutcome> load(Path sweepDir, SweepManifest manifest) {
        List<RunOutcome> out = new ArrayList<>();
        for (RunEntry run : manifest.runs()) {
            out.add(load(SweepManifest.runDir(sweepDir, run), run));
        }
        return out;
    }

    public static RunOutcome load(Path runDir, RunEntry run) {
        Path metricsFile = runDir.resolve(METRICS);
        boolean finished = Files.isRegularFile(runDir.resolve(RESULT));
        if (!Files.isRegularFile(metricsFile)) {
            RunOutcome.Status st = Files.isDirectory(runDir) ? RunOutcome.Status.PARTIAL : RunOutcome.Status.MISSING;
            return new RunOutcome(run, st, Files.isDirectory(runDir) ? "no metrics.csv" : "run directory missing",
                    null, Double.NaN, Double.NaN);
        }
        MetricsTable m;
        try {
            m = MetricsTable.read(metricsFile);
        } catch (IOException | RuntimeException e) {
            return new RunOutcome(run, finished ? RunOutcome.Status.FINISHED : RunOutcome.Status.PARTIAL,
                    "unreadable metrics.csv: " + e.getMessage(), null, Double.NaN, Double.NaN);
        }
        double dormant = m.has(MetricsTable.DORMANT_HEADLINE) ? m.finalTenthMean(MetricsTable.DORMANT_HEADLINE) : Double.NaN;
        if (!finished) {
            return new RunOutcome(run, RunOutcome.Status.PARTIAL,
                    "unfinished (" + m.rows() + " iterations, no result.json)", m, Double.NaN, dormant);
        }
        if (!m.has(MetricsTable.EVAL_RETURN) || m.rows() == 0) {
            return new RunOutcome(run, RunOutcome.Status.FINISHED, "no evaluation returns", m, Double.NaN, dormant);
        }
        double fin = m.finalTenthMean(MetricsTable.EVAL_RETURN);
        String reason = Double.isFinite(fin) ? "" : "no finite evaluation return in the final 10% of iterations";
        return new RunOutcome(run, RunOutcome.Status.FINISHED, reason, m, fin, dormant);
    }
}
