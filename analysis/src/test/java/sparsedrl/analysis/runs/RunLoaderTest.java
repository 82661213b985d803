package sparsedrl.analysis.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.analysis.report.Report;

/**
 * A finished run whose metrics.csv was cut short (a copy interrupted, a disk that filled) or that
 * disagrees with its result.json is read from metrics.jsonl when that file agrees, and says so;
 * otherwise it is excluded with the reason. Never is a damaged file's score taken silently.
 */
class RunLoaderTest {

    private static final RunEntry RUN = new RunEntry(0, "r0", "minatar:breakout", "dense", 0, true, null, 0, 10_000,
            Map.of(), List.of(), Map.of());

    /**
     * Ten iterations, eval return 1.5 x iteration; result.json as train writes it: 10 iterations, the
     * final one averaged (round(10%) = 1), eval return 13.5, 10,000 frames.
     */
    private static Path finishedRun(Path dir) throws Exception {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("iteration,frames,train_return,eval_return\n");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            csv.append(i).append(',').append((i + 1) * 1000).append(",0.5,").append(i * 1.5).append('\n');
            jsonl.append("{\"iteration\":").append(i).append(",\"frames\":").append((i + 1) * 1000)
                    .append(",\"train_return\":0.5,\"eval_return\":").append(i * 1.5).append("}\n");
        }
        Files.writeString(dir.resolve("metrics.csv"), csv);
        Files.writeString(dir.resolve("metrics.jsonl"), jsonl);
        Files.writeString(dir.resolve("result.json"), "{\"env\":\"minatar:breakout\",\"iterations\":10,"
                + "\"finalIterations\":1,\"finalEvalReturn\":13.5,\"finalTrainReturn\":0.5,\"frames\":10000}");
        return dir;
    }

    private static void cut(Path file, int bytesOff) throws Exception {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length - bytesOff));
    }

    @Test
    void aCompleteRunIsReadFromItsCsv(@TempDir Path tmp) throws Exception {
        RunOutcome o = RunLoader.load(finishedRun(tmp.resolve("r")), RUN);
        assertTrue(o.usable(), o.reason());
        assertEquals(13.5, o.finalReturn());
        assertEquals("", o.note());
    }

    @Test
    void aCsvCutInsideItsLastNumberIsReadFromTheJsonl(@TempDir Path tmp) throws Exception {
        Path r = finishedRun(tmp.resolve("r"));
        cut(r.resolve("metrics.csv"), 3); // "9,10000,0.5,13.5\n" -> "9,10000,0.5,13": every cell there, the last one wrong
        RunOutcome o = RunLoader.load(r, RUN);
        assertTrue(o.usable(), o.reason());
        assertEquals(13.5, o.finalReturn());
        assertTrue(o.note().contains("metrics.csv is cut short") && o.note().contains("read metrics.jsonl instead"),
                o.note());
    }

    @Test
    void aCsvCutInsideItsLastRowIsReadFromTheJsonl(@TempDir Path tmp) throws Exception {
        Path r = finishedRun(tmp.resolve("r"));
        cut(r.resolve("metrics.csv"), 9); // "9,10000,0.5,13.5\n" -> "9,1000": the row would be dropped
        RunOutcome o = RunLoader.load(r, RUN);
        assertTrue(o.usable(), o.reason());
        assertEquals(13.5, o.finalReturn(), "not the previous iteration's 12.0");
        assertEquals(10, o.metrics().rows());
    }

    @Test
    void whenBothFilesAreDamagedTheRunIsExcludedWithTheReason(@TempDir Path tmp) throws Exception {
        Path r = finishedRun(tmp.resolve("r"));
        cut(r.resolve("metrics.csv"), 9);
        cut(r.resolve("metrics.jsonl"), 20);
        RunOutcome o = RunLoader.load(r, RUN);
        assertFalse(o.usable());
        assertTrue(o.reason().contains("metrics.csv is cut short") && o.reason().contains("metrics.jsonl is cut short"),
                o.reason());
    }

    @Test
    void metricsThatDisagreeWithTheResultAreExcluded(@TempDir Path tmp) throws Exception {
        Path r = finishedRun(tmp.resolve("r"));
        // both files lost their last row whole (e.g. restored from a copy taken one iteration early)
        for (String f : List.of("metrics.csv", "metrics.jsonl")) {
            List<String> lines = Files.readAllLines(r.resolve(f));
            Files.write(r.resolve(f), lines.subList(0, lines.size() - 1));
        }
        RunOutcome o = RunLoader.load(r, RUN);
        assertFalse(o.usable());
        assertTrue(o.reason().contains("has 9 rows but result.json reports 10 iterations"), o.reason());
    }

    @Test
    void theReportSaysWhichRunsWereReadFromTheJsonl(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        new SweepManifest("one", 1.0, List.of(RUN)).write(sweep);
        cut(finishedRun(SweepManifest.runDir(sweep, RUN)).resolve("metrics.csv"), 9);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Report.Result res = new Report(200, 1, sparsedrl.analysis.report.FindingsJudge.DEFAULT_EQUIVALENCE_MARGIN).write(sweep, tmp.resolve("report"), new PrintStream(log, true));
        assertEquals(1, res.usable());
        assertTrue(log.toString().contains("run r0: metrics.csv is cut short"), log.toString());
        String md = Files.readString(tmp.resolve("report/summary.md"));
        assertTrue(md.contains("read from metrics.jsonl") && md.contains("`r0`: metrics.csv is cut short"), md);
    }
}
