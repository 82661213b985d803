package sparsedrl.analysis.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import sparsedrl.analysis.AtomicFiles;
import sparsedrl.analysis.runs.ConfigKey;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.RunOutcome;
import sparsedrl.analysis.stats.Interval;

/**
 * {@code report.html}: the whole report in one file that any browser opens without a server: the
 * findings with their rules, numbers and runs, the figures as inline SVG, the tables, the sweep's
 * grid and its excluded runs. No script, no external reference.
 */
final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1400px;\
            padding:0 1em;color:#222;line-height:1.45}
            h1,h2,h3{line-height:1.2}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
            .verdict{display:inline-block;padding:.05em .5em;border-radius:.3em;font-weight:600;font-size:.85em}
            .supported{background:#d8f0d8;color:#185c18}.not-supported{background:#f6d6d6;color:#7a1515}
            .not-testable{background:#eee;color:#555}.rule{color:#444;font-size:.9em}
            .finding{border:1px solid #ddd;border-radius:.4em;padding:.2em 1em 1em;margin:1em 0}
            .claim{margin-left:1em}figure{margin:1.5em 0}figure svg{max-width:100%;height:auto;display:block;\
            border:1px solid #eee}figcaption{color:#444;font-size:.9em}
            details{font-size:.85em}code{font-size:.9em}details code{word-break:break-all}
            """;

    private static final Pattern SVG_START = Pattern.compile("<svg\\b", Pattern.CASE_INSENSITIVE);
    /** An id, or a reference to one: group 1 up to the name, group 2 the name and what closes it. */
    private static final Pattern ID_OR_REFERENCE = Pattern.compile("(\\bid=\"|url\\(#|href=\"#)([^\")]+[\")])");

    private HtmlReport() {
    }

    static void write(Path file, ReportContent r) throws IOException {
        StringBuilder h = new StringBuilder();
        String title = "Sweep report: " + r.manifest().name();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(r.method()))
                .append("</p>\n<nav><a href=\"#findings\">Findings</a> · <a href=\"#figures\">Figures</a> · ")
                .append("<a href=\"#tables\">Tables</a> · <a href=\"#sweep\">Sweep</a> · ")
                .append("<a href=\"#excluded\">Excluded runs</a></nav>\n");
        findings(h, r.findings());
        figures(h, r.figures());
        tables(h, r);
        sweep(h, r);
        excluded(h, r.excluded());
        h.append("</body>\n</html>\n");
        AtomicFiles.writeString(file, h.toString());
    }

    private static void findings(StringBuilder h, List<Finding> findings) {
        h.append("<section id=\"findings\">\n<h2>Findings (SPEC.md §1)</h2>\n");
        for (Finding f : findings) {
            h.append("<article class=\"finding\" id=\"finding-").append(esc(f.id())).append("\">\n<h3>(")
                    .append(esc(f.id())).append(") ").append(verdict(f.verdict())).append("</h3>\n<p>")
                    .append(esc(f.statement())).append("</p>\n<p><strong>Verdict:</strong> ").append(esc(f.note()))
                    .append(".</p>\n");
            for (Finding.Claim c : f.claims()) {
                h.append("<div class=\"claim\">\n<h4>").append(esc(c.id())).append(' ').append(verdict(c.verdict()))
                        .append(' ').append(esc(c.text())).append(" — ").append(esc(c.summary())).append("</h4>\n")
                        .append("<p class=\"rule\">Rule: ").append(esc(c.rule())).append("</p>\n")
                        .append("<table><tr><th>check</th><th>A − B [interval]</th><th>holds</th><th>runs A / B</th>")
                        .append("<th>tasks (runs A / B)</th><th>runs</th></tr>\n");
                for (Finding.Check k : c.checks()) {
                    h.append("<tr><td>").append(esc(k.scope())).append("</td>");
                    if (!k.testable()) {
                        h.append("<td colspan=\"5\">not testable: ").append(esc(k.why())).append("</td></tr>\n");
                        continue;
                    }
                    h.append("<td class=\"num\">").append(esc(k.interval().format())).append("</td><td>")
                            .append(k.holds() ? "✓ yes" : "✗ no").append("</td><td class=\"num\">").append(k.runsA())
                            .append(" / ").append(k.runsB()).append("</td><td>")
                            .append(esc(k.tasks().stream().map(t -> t.name() + " (" + t.runsA().size() + " / "
                                    + t.runsB().size() + ")").collect(Collectors.joining(", "))))
                            .append("</td><td><details><summary>run ids</summary>");
                    for (Finding.Task t : k.tasks()) {
                        h.append("<p>").append(esc(t.name())).append(" A: <code>").append(esc(String.join(" ", t.runsA())))
                                .append("</code><br>B: <code>").append(esc(String.join(" ", t.runsB())))
                                .append("</code></p>");
                    }
                    h.append("</details></td></tr>\n");
                }
                h.append("</table>\n</div>\n");
            }
            h.append("</article>\n");
        }
        h.append("</section>\n");
    }

    private static void figures(StringBuilder h, List<Figures.Output> figures) throws IOException {
        h.append("<section id=\"figures\">\n<h2>Figures</h2>\n");
        int n = 0;
        for (Figures.Output f : figures) {
            if (f.base() == null) {
                h.append("<p>").append(esc(f.line())).append("</p>\n");
                continue;
            }
            n++;
            String svg = Files.readString(f.svg(), StandardCharsets.UTF_8);
            h.append("<figure id=\"figure-").append(n).append("\">\n").append(inlineSvg(svg, "f" + n + "-"))
                    .append("\n<figcaption>").append(esc(f.line())).append("</figcaption>\n</figure>\n");
        }
        h.append("</section>\n");
    }

    /**
     * An SVG document as an element of the page: the XML prolog and doctype dropped, every id
     * prefixed (and each reference to it) so that the figures' clip paths do not collide.
     */
    static String inlineSvg(String svg, String prefix) {
        Matcher start = SVG_START.matcher(svg);
        if (!start.find()) {
            throw new IllegalArgumentException("not an SVG document");
        }
        return ID_OR_REFERENCE.matcher(svg.substring(start.start()).strip())
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + prefix + m.group(2)));
    }

    private static void tables(StringBuilder h, ReportContent r) {
        h.append("<section id=\"tables\">\n<h2>Tables</h2>\n");
        if (!r.aggregate().isEmpty()) {
            h.append("<h3>Human-normalised IQM across games</h3>\n<table><tr><th>configuration</th><th>games</th>")
                    .append("<th>runs</th><th>IQM [95% CI]</th></tr>\n");
            for (ReportContent.AggregateRow a : r.aggregate()) {
                h.append("<tr><td>").append(esc(a.configuration())).append("</td><td class=\"num\">").append(a.games())
                        .append("</td><td class=\"num\">").append(a.runs()).append("</td><td class=\"num\">")
                        .append(esc(a.iqm().format())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h3>Per configuration</h3>\n<table><tr><th>env</th><th>configuration</th><th>seeds used/all</th>")
                .append("<th>mean [t 95%]</th><th>IQM [bootstrap 95%]</th><th>HNS mean</th>")
                .append("<th>dormant 0.025, final 10%</th><th>dormant 0.025, 20–80%</th><th>figures</th></tr>\n");
        for (ConfigStats s : r.stats()) {
            h.append("<tr><td>").append(esc(s.key().env())).append("</td><td>").append(esc(s.key().label()))
                    .append("</td><td class=\"num\">").append(s.usableCount()).append('/').append(s.runs().size())
                    .append("</td>").append(cell(s.mean())).append(cell(s.iqm()))
                    .append(s.hns() == null ? "<td>—</td>" : cell(s.hns())).append(cell(s.dormant()))
                    .append(cell(s.dormantPhase())).append("<td>")
                    .append(esc(String.join(", ", SummaryWriter.figuresOf(s.key())))).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void sweep(StringBuilder h, ReportContent r) {
        List<RunEntry> runs = r.manifest().runs();
        h.append("<section id=\"sweep\">\n<h2>Sweep</h2>\n<table>\n");
        row(h, "name", r.manifest().name());
        row(h, "scale (factor on frames)", Interval.num(r.manifest().scale()));
        row(h, "runs", Integer.toString(runs.size()));
        row(h, "games", distinct(runs, RunEntry::env));
        row(h, "methods", distinct(runs, e -> e.config().methodLabel()));
        row(h, "sparsities", distinct(runs, e -> ConfigKey.fmt(e.sparsity())));
        row(h, "bias", distinct(runs, e -> e.bias() ? "on" : "off"));
        row(h, "seeds", distinct(runs, e -> Long.toString(e.seed())));
        row(h, "frames per run", distinct(runs, e -> Long.toString(e.frames())));
        row(h, "extra axes", distinct(runs, e -> e.extra().isEmpty() ? "none" : e.extra().toString()));
        row(h, "config overrides", distinct(runs, e -> e.configOverrides().isEmpty() ? "none" : e.configOverrides().toString()));
        if (!runs.isEmpty()) {
            row(h, "train arguments of run 0", String.join(" ", runs.get(0).trainArgs()));
        }
        row(h, "bootstrap replicates", Integer.toString(r.replicates()));
        row(h, "equivalence margin", "±" + Interval.num(r.margin()) + " normalised score");
        h.append("</table>\n</section>\n");
    }

    private static void excluded(StringBuilder h, List<RunOutcome> excluded) {
        h.append("<section id=\"excluded\">\n<h2>Missing, partial or unusable runs (excluded)</h2>\n");
        if (excluded.isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table><tr><th>run</th><th>status</th><th>reason</th></tr>\n");
            for (RunOutcome o : excluded) {
                h.append("<tr><td><code>").append(esc(o.run().id())).append("</code></td><td>")
                        .append(esc(o.status().name().toLowerCase(Locale.ROOT))).append("</td><td>")
                        .append(esc(o.reason())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }

    private static String distinct(Collection<RunEntry> runs, Function<RunEntry, String> f) {
        return String.join(", ", runs.stream().map(f).distinct().toList());
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String cell(Interval i) {
        return "<td class=\"num\">" + esc(i.format()) + "</td>";
    }

    private static String verdict(Finding.Verdict v) {
        return "<span class=\"verdict " + v.text().replace(' ', '-') + "\">" + esc(v.text()) + "</span>";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
