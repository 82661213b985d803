package sparsedrl.analysis.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads every run of a sweep; never throws for a bad run, it reports it instead.
 *
 * <p>A finished run's {@code metrics.csv} is checked against its {@code result.json} (iterations,
 * final frames, final evaluation return). When it is cut short or disagrees, its twin
 * {@code metrics.jsonl} (written from the same rows) is read instead if that one agrees, and the
 * outcome says so in its note; otherwise the run is excluded with the reason.
 */
public final class RunLoader {

    public static final String RESULT = "result.json";
    public static final String METRICS = "metrics.csv";
    public static final String METRICS_JSONL = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** result.json and the metrics files print the same doubles; only the mean's rounding may differ. */
    private static final double TOLERANCE = 1e-9;

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
        if (!finished) {
            return new RunOutcome(run, RunOutcome.Status.PARTIAL,
                    "unfinished (" + m.rows() + " iterations, no result.json)", m, Double.NaN, dormant(m));
        }
        JsonNode result;
        try {
            result = JSON.readTree(runDir.resolve(RESULT).toFile());
        } catch (IOException | RuntimeException e) {
            return new RunOutcome(run, RunOutcome.Status.FINISHED, "unreadable result.json: " + e.getMessage(), m,
                    Double.NaN, dormant(m));
        }
        String note = "";
        String csvProblem = disagreement(m, result);
        if (csvProblem != null) {
            String jsonlProblem;
            MetricsTable fromJsonl = null;
            try {
                fromJsonl = MetricsTable.readJsonl(runDir.resolve(METRICS_JSONL));
                jsonlProblem = disagreement(fromJsonl, result);
            } catch (IOException | RuntimeException e) {
                jsonlProblem = "is unreadable (" + e.getMessage() + ")";
            }
            if (jsonlProblem != null) {
                return new RunOutcome(run, RunOutcome.Status.FINISHED, "metrics.csv " + csvProblem
                        + ", and metrics.jsonl " + jsonlProblem, m, Double.NaN, dormant(m));
            }
            m = fromJsonl;
            note = "metrics.csv " + csvProblem + "; read metrics.jsonl instead";
        }
        if (!m.has(MetricsTable.EVAL_RETURN) || m.rows() == 0) {
            return new RunOutcome(run, RunOutcome.Status.FINISHED, "no evaluation returns", m, Double.NaN, dormant(m),
                    note);
        }
        double fin = m.finalTenthMean(MetricsTable.EVAL_RETURN);
        String reason = Double.isFinite(fin) ? "" : "no finite evaluation return in the final 10% of iterations";
        return new RunOutcome(run, RunOutcome.Status.FINISHED, reason, m, fin, dormant(m), note);
    }

    private static double dormant(MetricsTable m) {
        return m.has(MetricsTable.DORMANT_HEADLINE) ? m.finalTenthMean(MetricsTable.DORMANT_HEADLINE) : Double.NaN;
    }

    /**
     * Why a finished run's metrics table does not match its result.json, or null when it does: a
     * partly written line, or a different number of iterations, final frames or final evaluation
     * mean (over result.json's own count of final iterations), each where result.json states it.
     */
    static String disagreement(MetricsTable m, JsonNode result) {
        if (m.cutShort()) {
            return "is cut short (a partly written line)";
        }
        if (result.has("iterations") && m.rows() != result.get("iterations").asInt()) {
            return "has " + m.rows() + " rows but result.json reports " + result.get("iterations").asInt() + " iterations";
        }
        if (m.rows() == 0) {
            return null;
        }
        if (m.has(MetricsTable.FRAMES) && result.has("frames")) {
            double frames = m.column(MetricsTable.FRAMES)[m.rows() - 1];
            if (frames != result.get("frames").asDouble()) {
                return String.format(Locale.ROOT, "ends at %.0f frames but result.json reports %d", frames,
                        result.get("frames").asLong());
            }
        }
        int k = result.path("finalIterations").asInt(0);
        JsonNode expected = result.get("finalEvalReturn");
        if (m.has(MetricsTable.EVAL_RETURN) && k > 0 && k <= m.rows() && expected != null && expected.isNumber()) {
            double mean = m.meanOfLast(MetricsTable.EVAL_RETURN, k);
            double want = expected.asDouble();
            if (!(Math.abs(mean - want) <= TOLERANCE * Math.max(1, Math.abs(want)))) {
                return String.format(Locale.ROOT, "gives a final eval return of %s over its last %d rows but "
                        + "result.json has %s", mean, k, want);
            }
        }
        return null;
    }
}
