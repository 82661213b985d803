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
            + "dormant_final,dormant_ci_low,dormant_ci_high,figures";

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

    static void writeMarkdown(Path file, String sweepName, List<RunOutcome> outcomes, List<ConfigStats> stats,
                              List<Finding> findings, List<String> figureLines, List<String> aggregateLines,
                              int replicates) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Sweep report: ").append(sweepName).append("\n\n");
        long finished = outcomes.stream().filter(RunOutcome::usable).count();
        md.append(String.format(Locale.ROOT, "%d runs: %d usable, %d excluded. Final score of a run: mean evaluation "
                + "return over its final 10%% of iterations. Intervals are 95%%: Student-t over seeds for means, "
                + "percentile stratified bootstrap (%d replicates) for IQMs and for the contrasts below.%n%n",
                outcomes.size(), finished, outcomes.size() - finished, replicates));

        md.append("## Findings (SPEC.md §1)\n\n");
        for (Finding f : findings) {
            md.append("- **(").append(f.id()).append(") ").append(verdictText(f.verdict())).append("** — ")
                    .append(f.statement()).append(' ').append(f.note()).append(".\n");
            for (Finding.Contrast c : f.contrasts()) {
                md.append("  - ").append(c.description()).append(": ").append(c.difference().format())
                        .append(", expected ").append(c.expect().text).append(c.holds() ? " ✓" : " ✗")
                        .append(String.format(Locale.ROOT, " (%d tasks, %d vs %d runs)%n", c.tasks(), c.runsA(), c.runsB()));
            }
        }
        md.append("\nScores are human-normalised where the game has reference scores, otherwise rescaled to [0, 1] "
                + "by the game's lowest and highest final return in this sweep; a contrast is IQM(A) − IQM(B) over "
                + "matched tasks (game × sparsity).\n\n");

        md.append("## Figures\n\n");
        figureLines.forEach(l -> md.append("- ").append(l).append('\n'));

        if (!aggregateLines.isEmpty()) {
            md.append("\n## Human-normalised IQM across games\n\n| configuration | games | runs | IQM [95% CI] |\n|---|---|---|---|\n");
            aggregateLines.forEach(l -> md.append(l).append('\n'));
        }

        for (String fig : List.of("fig1", "fig2", "fig3")) {
            List<ConfigStats> rows = stats.stream().filter(s -> figuresOf(s.key()).contains(fig)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.append("\n## Table behind ").append(fig).append("\n\n");
            table(md, rows);
        }
        List<ConfigStats> others = stats.stream().filter(s -> figuresOf(s.key()).equals(List.of("curves"))).toList();
        if (!others.isEmpty()) {
            md.append("\n## Other configurations\n\n");
            table(md, others);
        }

        List<RunOutcome> excluded = outcomes.stream().filter(o -> !o.usable()).toList();
        md.append("\n## Missing, partial or unusable runs (excluded)\n\n");
        if (excluded.isEmpty()) {
            md.append("None.\n");
        }
        for (RunOutcome o : excluded) {
            md.append("- `").append(o.run().id()).append("`: ").append(o.status().name().toLowerCase(Locale.ROOT))
                    .append(", ").append(o.reason()).append('\n');
        }
        List<RunOutcome> noted = outcomes.stream().filter(o -> !o.note().isEmpty()).toList();
        if (!noted.isEmpty()) {
            md.append("\n## Runs whose metrics.csv was damaged (read from metrics.jsonl)\n\n");
            for (RunOutcome o : noted) {
                md.append("- `").append(o.run().id()).append("`: ").append(o.note()).append('\n');
            }
        }
        AtomicFiles.writeString(file, md.toString());
    }

    private static void table(StringBuilder md, List<ConfigStats> rows) {
        md.append("| env | configuration | seeds used/all | mean [t 95%] | IQM [bootstrap 95%] | HNS mean | dormant 0.025 |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (ConfigStats s : rows) {
            md.append("| ").append(s.key().env()).append(" | ").append(s.key().label()).append(" | ")
                    .append(s.usableCount()).append('/').append(s.runs().size()).append(" | ")
                    .append(s.mean().format()).append(" | ").append(s.iqm().format()).append(" | ")
                    .append(s.hns() == null ? "—" : s.hns().format()).append(" | ")
                    .append(s.dormant().format()).append(" |\n");
        }
    }

    private static String verdictText(Finding.Verdict v) {
        return switch (v) {
            case SUPPORTED -> "supported";
            case NOT_SUPPORTED -> "not supported";
            case NOT_TESTABLE -> "not testable";
        };
    }

    private static String cells(Interval i) {
        return num(i.estimate()) + "," + num(i.low()) + "," + num(i.high());
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
