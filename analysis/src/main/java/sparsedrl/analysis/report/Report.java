package sparsedrl.analysis.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sparsedrl.analysis.runs.HumanScores;
import sparsedrl.analysis.runs.RunLoader;
import sparsedrl.analysis.runs.RunOutcome;
import sparsedrl.analysis.runs.SweepManifest;
import sparsedrl.analysis.stats.Interval;
import sparsedrl.analysis.stats.StratifiedBootstrap;

/**
 * {@code sparsedrl analyze}: reads a sweep directory and writes the statistics, figures, findings,
 * {@code summary.md}, {@code summary.csv} and the self-contained {@code report.html}.
 */
public final class Report {

    public static final String HTML = "report.html";

    /** What was written, for the command to print. */
    public record Result(int runs, int usable, List<Finding> findings, List<String> figures) {
    }

    private final int replicates;
    private final long seed;
    private final double margin;

    /** @param equivalenceMargin the findings' equivalence margin in normalised score (see {@link FindingsJudge}) */
    public Report(int replicates, long seed, double equivalenceMargin) {
        this.replicates = replicates;
        this.seed = seed;
        this.margin = equivalenceMargin;
    }

    public Result write(Path sweepDir, Path outDir, PrintStream log) throws IOException {
        SweepManifest manifest = SweepManifest.read(sweepDir);
        List<RunOutcome> outcomes = RunLoader.load(sweepDir, manifest);
        int usable = (int) outcomes.stream().filter(RunOutcome::usable).count();
        log.printf("analyze: %d runs in %s, %d usable%n", outcomes.size(), sweepDir, usable);
        for (RunOutcome o : outcomes) {
            if (!o.note().isEmpty()) {
                log.printf("analyze: run %s: %s%n", o.run().id(), o.note());
            }
        }
        List<ConfigStats> stats = new Aggregator(replicates, seed).aggregate(outcomes);
        List<Finding> findings = new FindingsJudge(replicates, seed, margin).judge(stats);
        Files.createDirectories(outDir);
        List<Figures.Output> figures = new ArrayList<>(Figures.draw(stats, outDir));
        figures.addAll(new RliableFigures(replicates, seed).draw(stats, outDir));
        ReportContent content = new ReportContent(manifest, outcomes, stats, findings, figures,
                humanNormalisedAggregate(stats), replicates, margin);
        SummaryWriter.writeCsv(outDir.resolve("summary.csv"), stats);
        SummaryWriter.writeMarkdown(outDir.resolve("summary.md"), content);
        HtmlReport.write(outDir.resolve(HTML), content);
        return new Result(outcomes.size(), usable, findings, figures.stream().map(Figures.Output::line).toList());
    }

    /** Per configuration across Atari games, IQM of human-normalised scores. */
    private List<ReportContent.AggregateRow> humanNormalisedAggregate(List<ConfigStats> stats) {
        Map<String, List<double[]>> byConfig = new TreeMap<>();
        for (ConfigStats s : stats) {
            if (!HumanScores.has(s.key().env()) || s.usableCount() == 0) {
                continue;
            }
            double[] h = new double[s.scores().length];
            for (int i = 0; i < h.length; i++) {
                h[i] = HumanScores.normalise(s.key().env(), s.scores()[i]).orElseThrow();
            }
            byConfig.computeIfAbsent(s.key().label(), l -> new ArrayList<>()).add(h);
        }
        List<ReportContent.AggregateRow> rows = new ArrayList<>();
        for (var e : byConfig.entrySet()) {
            Interval iqm = new StratifiedBootstrap(replicates, seed + e.getKey().hashCode()).iqm(e.getValue());
            int runs = e.getValue().stream().mapToInt(a -> a.length).sum();
            rows.add(new ReportContent.AggregateRow(e.getKey(), e.getValue().size(), runs, iqm));
        }
        return rows;
    }
}
