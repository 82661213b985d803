package sparsedrl.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.SweepManifest;

/**
 * A synthetic sweep on disk: two games, dense / prune / rigl@0.2 / rigl@0, two sparsities, bias
 * on and off, three seeds; one run missing, one partial, one with garbage metrics. Expected
 * statistics are computed here from the numbers the test wrote.
 */
class ReportTest {

    static final int ITERS = 20; // final 10% = last 2 rows
    static final String[] GAMES = {"minatar:breakout", "atari:pong"};
    static final long[] SEEDS = {0, 1, 2};

    @TempDir
    static Path dir;
    static Path sweep;
    static Path out;
    static Report.Result result;

    /** Final return we plant: prune beats rigl strongly at 0.98; seed adds a spread. */
    static double planted(String env, String method, Double start, double sparsity, boolean bias, long seed) {
        double base = switch (method) {
            case "dense" -> 10;
            case "prune" -> sparsity > 0.9 ? 8 : 9;
            default -> start != null && start == 0.0 ? 5 : (sparsity > 0.9 ? 3 : 9.5);
        };
        return base + (bias ? 0 : 0.25) + seed * 0.5 + (env.startsWith("atari") ? 1 : 0);
    }

    @BeforeAll
    static void buildSweep() throws Exception {
        sweep = dir.resolve("sweep");
        out = dir.resolve("report");
        List<RunEntry> runs = new ArrayList<>();
        for (String env : GAMES) {
            for (String m : new String[] {"dense", "prune", "rigl@0.2", "rigl@0"}) {
                String method = m.split("@")[0];
                Double start = m.contains("@") ? Double.valueOf(m.split("@")[1]) : null;
                for (double sp : method.equals("dense") ? new double[] {0} : new double[] {0.8, 0.98}) {
                    for (boolean bias : new boolean[] {true, false}) {
                        for (long seed : SEEDS) {
                            String id = (env + "_" + m + "_" + sp + "_" + bias + "_" + seed).replaceAll("[^A-Za-z0-9.@_-]", "-");
                            runs.add(new RunEntry(runs.size(), id, env, method, sp, bias, start, seed, 20_000,
                                    Map.of(), List.of("--env", env), Map.of()));
                        }
                    }
                }
            }
        }
        new SweepManifest("synthetic", 1.0, runs).write(sweep);
        for (RunEntry r : runs) {
            Path rd = SweepManifest.runDir(sweep, r);
            if (r.env().equals("minatar:breakout") && r.method().equals("dense") && r.seed() == 2 && !r.bias()) {
                continue; // missing run
            }
            Files.createDirectories(rd);
            if (r.env().equals("atari:pong") && r.method().equals("dense") && r.seed() == 1 && !r.bias()) {
                Files.writeString(rd.resolve("metrics.csv"), "this is not,a metrics\nfile");
                Files.writeString(rd.resolve("result.json"), "{}");
                continue;
            }
            double fin = planted(r.env(), r.method(), r.sparseStart(), r.sparsity(), r.bias(), r.seed());
            StringBuilder sb = new StringBuilder("iteration,frames,train_return,eval_return,steps_per_s,updates_per_s,loss,dormant_0,dormant_0.025,dormant_0.1\n");
            for (int i = 0; i < ITERS; i++) {
                // last two evaluations are fin - 1 and fin + 1 (mean fin); earlier ones are lower.
                double eval = i == ITERS - 2 ? fin - 1 : i == ITERS - 1 ? fin + 1 : i * 0.1;
                double dormant = r.method().equals("rigl") ? 0.4 : 0.1;
                sb.append(String.format(java.util.Locale.ROOT, "%d,%d,%.3f,%.6f,100,25,0.1,0.0,%.3f,0.5%n",
                        i, (i + 1) * 1000, eval * 0.9, eval, dormant));
            }
            Files.writeString(rd.resolve("metrics.csv"), sb.toString());
            boolean partial = r.env().equals("minatar:breakout") && r.method().equals("prune") && r.seed() == 0
                    && r.sparsity() == 0.8 && r.bias();
            if (!partial) {
                Files.writeString(rd.resolve("result.json"), "{}");
            }
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        result = new Report(2000, 1, FindingsJudge.DEFAULT_EQUIVALENCE_MARGIN).write(sweep, out, new PrintStream(log));
    }

    @Test
    void countsUsableRunsAndListsTheExcluded() throws Exception {
        int total = 2 * (2 + 3 * 2 * 2) * 3;
        assertEquals(total, result.runs());
        assertEquals(total - 3, result.usable());
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("run directory missing"), md);
        assertTrue(md.contains("unfinished"), md);
        assertTrue(md.contains("no evaluation returns") || md.contains("unreadable"), md);
    }

    @Test
    void csvRowHasTheSeedMeanAndTheStudentTInterval() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(SummaryWriter.CSV_HEADER, lines.get(0));
        String row = lines.stream().filter(l -> l.startsWith("atari:pong,rigl,0.2,0.98,true,")).findFirst().orElseThrow();
        String[] c = row.split(",", -1);
        // seeds give 3+1, 3.5+1, 4+1: mean 4.5, s = 0.5, t(0.975,2) = 4.303 -> half-width 4.303*0.5/sqrt(3)
        double half = 4.303 * 0.5 / Math.sqrt(3);
        assertEquals(3, Integer.parseInt(c[7]));
        assertEquals(4.5, Double.parseDouble(c[8]), 1e-9);
        assertEquals(4.5 - half, Double.parseDouble(c[9]), 1e-3);
        assertEquals(4.5 + half, Double.parseDouble(c[10]), 1e-3);
        // human-normalised mean for Pong: (4.5 + 20.7) / (14.6 + 20.7)
        assertEquals((4.5 + 20.7) / 35.3, Double.parseDouble(c[14]), 1e-9);
        // dormant 0.4 in every row
        assertEquals(0.4, Double.parseDouble(c[17]), 1e-9);
    }

    @Test
    void findingsFollowThePlantedEffects() {
        Map<String, Finding.Verdict> v = new java.util.HashMap<>();
        result.findings().forEach(f -> v.put(f.id(), f.verdict()));
        // planted: prune (8) >> rigl@0.2 (3) above 0.9 -> (b) supported.
        assertEquals(Finding.Verdict.SUPPORTED, v.get("b"));
        // planted: prune 9 > rigl@0 5 at 0.8; rigl@0.2 is 0.5 above prune, 0.014 in Pong's human-normalised
        // score, far inside the 0.1 margin (Breakout at 0.8 has only two finished prune runs, too few to
        // take part) -> (a) supported.
        assertEquals(Finding.Verdict.SUPPORTED, v.get("a"));
        // planted: no-bias adds 0.25 to both methods: pruning is not hurt in any game -> (c) not supported.
        assertEquals(Finding.Verdict.NOT_SUPPORTED, v.get("c"));
        // dormant identical with and without bias -> (d) not supported.
        assertEquals(Finding.Verdict.NOT_SUPPORTED, v.get("d"));
    }

    @Test
    void figuresAreWrittenAsPngAndSvg() {
        for (String f : List.of("fig1_return_vs_sparsity", "fig2_dormant", "fig3_rigl_start")) {
            assertTrue(Files.isRegularFile(out.resolve(f + ".png")), f);
            assertTrue(Files.isRegularFile(out.resolve(f + ".svg")), f);
        }
        try (var s = Files.list(out.resolve("curves"))) {
            assertTrue(s.anyMatch(p -> p.toString().endsWith(".svg")));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoSeedsAreTooFewToDecideAFinding(@TempDir Path tmp) throws Exception {
        // prune clearly beats rigl@0.2 above 0.9, but with two seeds per side nothing is decided.
        Path s = tmp.resolve("s");
        List<RunEntry> runs = new ArrayList<>();
        for (String m : new String[] {"prune", "rigl"}) {
            for (long seed = 0; seed < 2; seed++) {
                runs.add(new RunEntry(runs.size(), m + seed, "minatar:breakout", m, 0.98, true,
                        m.equals("rigl") ? 0.2 : null, seed, 1000, Map.of(), List.of(), Map.of()));
            }
        }
        new SweepManifest("two-seeds", 1.0, runs).write(s);
        for (RunEntry r : runs) {
            Path rd = SweepManifest.runDir(s, r);
            Files.createDirectories(rd);
            double v = (r.method().equals("prune") ? 100 : 1) + r.seed();
            Files.writeString(rd.resolve("metrics.csv"), "iteration,frames,train_return,eval_return\n0,10," + v + "," + v + "\n");
            Files.writeString(rd.resolve("result.json"), "{}");
        }
        Report.Result r = new Report(500, 1, FindingsJudge.DEFAULT_EQUIVALENCE_MARGIN).write(s, tmp.resolve("out"), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(4, r.usable());
        Finding b = r.findings().stream().filter(f -> f.id().equals("b")).findFirst().orElseThrow();
        assertEquals(Finding.Verdict.NOT_TESTABLE, b.verdict(), b.note());
    }

    @Test
    void missingFindingsDataIsNotTestableNotACrash(@TempDir Path tmp) throws Exception {
        Path s = tmp.resolve("s");
        RunEntry only = new RunEntry(0, "dense", "minatar:breakout", "dense", 0, true, null, 0, 1000, Map.of(), List.of(), Map.of());
        new SweepManifest("tiny", 1.0, List.of(only)).write(s);
        Report.Result r = new Report(100, 1, FindingsJudge.DEFAULT_EQUIVALENCE_MARGIN).write(s, tmp.resolve("out"), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, r.usable());
        assertTrue(r.findings().stream().allMatch(f -> f.verdict() == Finding.Verdict.NOT_TESTABLE));
        assertTrue(Files.isRegularFile(tmp.resolve("out/summary.md")));
    }
}
