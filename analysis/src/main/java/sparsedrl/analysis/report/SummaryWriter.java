package sparsedrl.analysis.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import sparsedrl.analysis.AtomicFiles;
import sparsedrl.analysis.runs.ConfigKey;
import sparsedrl.analysis.runs.RunOutcome;
import sparsedrl.analysis.stats.Interval;

/** Writes {@code summary.csv} (one row per configuration) and {@code summary.md}. */
final class SummaryWriter {

    static final String CSV_HEADER = "env,method,sparse_start,sparsity,bias,extra,runs,usable,"
            + "mean,mean_ci_low,mean_ci_high,iqm,iqm_ci_low,iqm_ci_high,hns_mean,hns_ci_low,hns_ci_high,"
            + "dormant_final,dormant_ci_low,dormant_ci_high,dormant_phase,dormant_phase_ci_low,dormant_phase_ci_high,figures";

    private SummaryWriter() {
    }

    static void writeCsv(Path file, List<ConfigStats> stats) throws IOException {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (ConfigStats s : stats) {
            ConfigKey k = s.key();
            sb.append(String.join(",", k.env(), k.method(), k.sparseStart() == null ? "" : num(k.sparseStart()),
                    num(k.sparsity()), Boolean.toString(k.bias()),
                    k.extra().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")),
                    Integer.toString(s.runs().size()), Integer.toString(s.usableCount()),
                    cells(s.mean()), cells(s.iqm()), s.hns() == null ? ",," : cells(s.hns()), cells(s.dormant()),
                    cells(s.dormantPhase()),
                    String.join(";", figuresOf(k))));
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Which figures a configuration appears in (the table behind each figure is a filter of the CSV). */
    static List<String> figuresOf(ConfigKey k) {
        List<String> f = new ArrayList<>();
        if (!k.extra().isEmpty()) {
            return List.of("curves");
        }
        if (Figures.IS_DENSE.test(k) || Figures.IS_PRUNE.test(k) || Figures.IS_RIGL20.test(k)) {
            f.add("fig1");
        }
        if (Figures.IS_PRUNE.test(k) || Figures.IS_RIGL20.test(k)) {
            f.add("fig2");
        }
        if (k.bias() && (Figures.IS_DENSE.test(k) || Figures.IS_PRUNE.test(k) || Figures.IS_RIGL20.test(k)
                || Figures.IS_RIGL0.test(k))) {
            f.add("fig3");
        }
        f.add("curves");
        return f;
    }

    static void writeMarkdown(Path file, ReportContent r) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Sweep report: ").append(r.manifest().name()).append("\n\n");
        md.append(r.method()).append("\n\n");

        md.append("## Findings (SPEC.md §1)\n\n");
        findings(md, r.findings());
        md.append('\n');

        md.append("## Figures\n\n");
        r.figures().forEach(f -> md.append("- ").append(f.line()).append('\n'));

        if (!r.aggregate().isEmpty()) {
            md.append("\n## Human-normalised IQM across games\n\n| configuration | games | runs | IQM [95% CI] |\n|---|---|---|---|\n");
            r.aggregate().forEach(a -> md.append("| ").append(a.configuration()).append(" | ").append(a.games())
                    .append(" | ").append(a.runs()).append(" | ").append(a.iqm().format()).append(" |\n"));
        }

        for (String fig : List.of("fig1", "fig2", "fig3")) {
            List<ConfigStats> rows = r.stats().stream().filter(s -> figuresOf(s.key()).contains(fig)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.append("\n## Table behind ").append(fig).append("\n\n");
            table(md, rows);
        }
        List<ConfigStats> others = r.stats().stream().filter(s -> figuresOf(s.key()).equals(List.of("curves"))).toList();
        if (!others.isEmpty()) {
            md.append("\n## Other configurations\n\n");
            table(md, others);
        }

        List<RunOutcome> excluded = r.excluded();
        md.append("\n## Missing, partial or unusable runs (excluded)\n\n");
        if (excluded.isEmpty()) {
            md.append("None.\n");
        }
        for (RunOutcome o : excluded) {
            md.append("- `").append(o.run().id()).append("`: ").append(o.status().name().toLowerCase(Locale.ROOT))
                    .append(", ").append(o.reason()).append('\n');
        }
        List<RunOutcome> noted = r.outcomes().stream().filter(o -> !o.note().isEmpty()).toList();
        if (!noted.isEmpty()) {
            md.append("\n## Runs whose metrics.csv was damaged (read from metrics.jsonl)\n\n");
            for (RunOutcome o : noted) {
                md.append("- `").append(o.run().id()).append("`: ").append(o.note()).append('\n');
            }
        }
        AtomicFiles.writeString(file, md.toString());
    }

    private static void table(StringBuilder md, List<ConfigStats> rows) {
        md.append("| env | configuration | seeds used/all | mean [t 95%] | IQM [bootstrap 95%] | HNS mean "
                + "| dormant 0.025, final 10% | dormant 0.025, 20–80% |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (ConfigStats s : rows) {
            md.append("| ").append(s.key().env()).append(" | ").append(s.key().label()).append(" | ")
                    .append(s.usableCount()).append('/').append(s.runs().size()).append(" | ")
                    .append(s.mean().format()).append(" | ").append(s.iqm().format()).append(" | ")
                    .append(s.hns() == null ? "—" : s.hns().format()).append(" | ")
                    .append(s.dormant().format()).append(" | ").append(s.dormantPhase().format()).append(" |\n");
        }
    }

    /** Each finding with its claims: the rule, every check's interval and the tasks (runs) it rests on. */
    static void findings(StringBuilder md, List<Finding> findings) {
        for (Finding f : findings) {
            md.append("### (").append(f.id()).append(") ").append(f.verdict().text()).append("\n\n")
                    .append(f.statement()).append(" Verdict: ").append(f.note()).append(".\n\n");
            for (Finding.Claim c : f.claims()) {
                md.append("- **").append(c.id()).append(' ').append(c.verdict().text()).append("**: ").append(c.text())
                        .append(" — ").append(c.summary()).append(".\n");
                md.append("  - rule: ").append(c.rule()).append('\n');
                for (Finding.Check k : c.checks()) {
                    md.append("  - ").append(k.scope()).append(": ");
                    if (!k.testable()) {
                        md.append("not testable, ").append(k.why()).append('\n');
                        continue;
                    }
                    md.append(k.interval().format()).append(k.holds() ? " ✓" : " ✗")
                            .append(String.format(Locale.ROOT, " (%d vs %d runs; tasks: %s)%n", k.runsA(), k.runsB(),
                                    k.tasks().stream().map(t -> t.name() + " " + t.runsA().size() + "/" + t.runsB().size())
                                            .collect(Collectors.joining(", "))));
                }
            }
            md.append('\n');
        }
    }

    private static String cells(Interval i) {
        return num(i.estimate()) + "," + num(i.low()) + "," + num(i.high());
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
