package sparsedrl.analysis.report;

import java.util.List;
import sparsedrl.analysis.runs.RunOutcome;
import sparsedrl.analysis.runs.SweepManifest;
import sparsedrl.analysis.stats.Interval;

/**
 * Everything a sweep report shows, computed once and written as {@code summary.md} and
 * {@code report.html}.
 *
 * @param manifest   the sweep's grid
 * @param outcomes   every run, usable or not
 * @param stats      per configuration
 * @param findings   the paper's findings judged
 * @param figures    figures drawn or skipped, in report order
 * @param aggregate  per configuration across Atari games: IQM of human-normalised scores
 * @param replicates bootstrap replicates behind every bootstrap interval
 * @param margin     the equivalence margin of the findings, in normalised score
 */
record ReportContent(SweepManifest manifest, List<RunOutcome> outcomes, List<ConfigStats> stats,
                     List<Finding> findings, List<Figures.Output> figures, List<AggregateRow> aggregate,
                     int replicates, double margin) {

    /** One configuration's human-normalised IQM across the Atari games it ran on. */
    record AggregateRow(String configuration, int games, int runs, Interval iqm) {
    }

    long usable() {
        return outcomes.stream().filter(RunOutcome::usable).count();
    }

    List<RunOutcome> excluded() {
        return outcomes.stream().filter(o -> !o.usable()).toList();
    }

    /** How the numbers were computed, one paragraph for both the Markdown and the HTML report. */
    String method() {
        return String.format(java.util.Locale.ROOT, "%d runs: %d usable, %d excluded. Final score of a run: mean "
                + "evaluation return over its final 10%% of iterations. Intervals are 95%%: Student-t over seeds for "
                + "means, percentile stratified bootstrap (%d replicates) for IQMs and the findings' checks; an "
                + "equivalence check reads the 90%% interval (two one-sided tests at α = 0.05) against the margin "
                + "±%s in normalised score (human-normalised where the game has reference scores, otherwise the "
                + "return rescaled to [0, 1] by the game's lowest and highest final return in this sweep).",
                outcomes.size(), usable(), outcomes.size() - usable(), replicates, Interval.num(margin));
    }
}
