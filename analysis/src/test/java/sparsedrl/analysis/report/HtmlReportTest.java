package sparsedrl.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.analysis.runs.RunLoader;
import sparsedrl.analysis.runs.SweepManifest;

/**
 * report.html of a small hand-made sweep: one page with everything inline, checked as text here and,
 * where Chromium and playwright-core are installed ({@code scripts/install-report-check.sh}), in a
 * real headless browser by {@code scripts/report-check/check-report.mjs}. CI sets
 * {@code SPARSEDRL_BROWSER_CHECK=required} once they installed, so the browser test cannot skip there.
 */
class HtmlReportTest {

    static final List<String> GAMES = List.of("minatar:breakout", "atari:pong");

    @TempDir
    static Path dir;
    static Path report;
    static String html;
    static Report.Result result;

    @BeforeAll
    static void writeReport() throws Exception {
        SweepFixture f = new SweepFixture();
        for (String g : GAMES) {
            for (int s = 0; s < 3; s++) {
                f.add(g, "dense", 0, true, s, 10 + s);
                for (double sp : new double[] {0.8, 0.98}) {
                    for (boolean bias : new boolean[] {true, false}) {
                        f.add(g, "prune", sp, bias, s, 8 + s, x -> 0.1 + 0.1 * x);
                        f.add(g, "rigl@0.2", sp, bias, s, (sp > 0.9 ? 4 : 8) + s, x -> x > 0.2 && x < 0.8 ? 0.5 : 0.2);
                    }
                    f.add(g, "rigl@0", sp, true, s, 5 + s);
                }
            }
        }
        Path sweep = f.write(dir.resolve("sweep"));
        // one run left unfinished: the report must list it as excluded
        SweepManifest m = SweepManifest.read(sweep);
        Files.delete(SweepManifest.runDir(sweep, m.runs().get(1)).resolve(RunLoader.RESULT));
        Path out = dir.resolve("report");
        result = new Report(500, 1, FindingsJudge.DEFAULT_EQUIVALENCE_MARGIN)
                .write(sweep, out, new PrintStream(new ByteArrayOutputStream()));
        report = out.resolve(Report.HTML);
        html = Files.readString(report);
    }

    @Test
    void everyDrawnFigureIsInlineSvgAndNothingIsFetched() throws Exception {
        long drawn = result.figures().stream().filter(l -> l.contains(".png/.svg")).count();
        assertEquals(6, drawn, String.join("\n", result.figures())); // figures 1-3, three rliable views
        assertEquals(drawn, count(html, "<figure "));
        assertEquals(drawn, count(html, "<svg"));
        assertFalse(html.contains("<?xml") || html.contains("<!DOCTYPE svg"), "SVG prologs left inline");
        for (String outside : List.of("src=", "<script", "<link", "href=\"http", "@import", "url(http")) {
            assertFalse(html.contains(outside), "report refers outside itself: " + outside);
        }
    }

    @Test
    void idsAreUniqueAndEveryInternalReferenceResolves() {
        Set<String> ids = new HashSet<>();
        Matcher m = Pattern.compile("\\bid=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
        }
        Matcher ref = Pattern.compile("(?:url\\(#|href=\"#)([^)\"]+)").matcher(html);
        int refs = 0;
        while (ref.find()) {
            assertTrue(ids.contains(ref.group(1)), "dangling reference #" + ref.group(1));
            refs++;
        }
        assertTrue(refs > 10, "clip paths and section links are referenced: " + refs);
    }

    @Test
    void findingsShowTheirRuleNumbersAndRuns() {
        for (Finding f : result.findings()) {
            assertTrue(html.contains("id=\"finding-" + f.id() + "\""), f.id());
            for (Finding.Claim c : f.claims()) {
                assertTrue(html.contains(HtmlReport.esc(c.rule())), c.rule());
                for (Finding.Check k : c.checks()) {
                    if (k.testable()) {
                        assertTrue(html.contains(k.interval().format()), k.interval().format());
                        assertTrue(html.contains(k.tasks().get(0).runsA().get(0)), "run ids of " + c.id());
                    }
                }
            }
        }
    }

    @Test
    void sweepConfigAndExcludedRunsAreListed() {
        assertTrue(html.contains("unfinished"), "excluded run's reason");
        assertTrue(html.contains("minatar:breakout, atari:pong"), "the grid's games");
        assertTrue(html.contains("prune, rigl@0.2, rigl@0") || html.contains("dense, prune, rigl@0.2, rigl@0"), "methods");
        assertTrue(html.contains("±0.100 normalised score"), "equivalence margin");
    }

    @Test
    void svgIdsArePrefixedWithTheirReferences() {
        String svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n<svg><defs><clipPath id=\"clip1\">"
                + "<rect/></clipPath><clipPath id=\"clip12\"/></defs><g clip-path=\"url(#clip1)\"/>"
                + "<g clip-path=\"url(#clip12)\"/></svg>";
        assertEquals("<svg><defs><clipPath id=\"f2-clip1\"><rect/></clipPath><clipPath id=\"f2-clip12\"/></defs>"
                + "<g clip-path=\"url(#f2-clip1)\"/><g clip-path=\"url(#f2-clip12)\"/></svg>", HtmlReport.inlineSvg(svg, "f2-"));
    }

    @Test
    void opensInHeadlessChromiumWithNoErrorsAndEveryFigureDrawn() throws Exception {
        Process p = browserCheck(report, "--min-figures", "6");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "browser check timed out");
        assertEquals(0, p.exitValue(), out);
        assertEquals(6, count(out, "% ink"), out);
    }

    @Test
    void theBrowserCheckCatchesABlankFigureAndAConsoleError(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>"
                + "<script>console.error('boom')</script><figure><svg width=\"400\" height=\"300\"></svg>"
                + "<figcaption>empty</figcaption></figure></body></html>");
        Process p = browserCheck(bad, "--min-figures", "1");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "browser check timed out");
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("console error: boom"), out);
        assertTrue(out.contains("is blank"), out);
    }

    /** Starts the check script, or skips (fails in CI) when Chromium or playwright-core is missing. */
    private static Process browserCheck(Path html, String... args) throws IOException {
        Path root = repositoryRoot();
        Path script = root.resolve("scripts/report-check/check-report.mjs");
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(chromium))) {
            missing.add(chromium);
        }
        if (!Files.isDirectory(root.resolve("scripts/report-check/node_modules/playwright-core"))) {
            missing.add("playwright-core (npm ci --prefix scripts/report-check)");
        }
        if (!onPath("node")) {
            missing.add("node");
        }
        if (!missing.isEmpty()) {
            String why = "browser check needs " + String.join(", ", missing) + "; scripts/install-report-check.sh installs them";
            if ("required".equals(System.getenv("SPARSEDRL_BROWSER_CHECK"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        List<String> cmd = new ArrayList<>(List.of("node", script.toString(), html.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("scripts/report-check"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no scripts/report-check above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
