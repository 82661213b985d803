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

/** {@code sparsedrl analyze}: reads a sweep directory and writes the statistics, figures and summary. */
public final class Report {

    /** What was written, for the command to print. */
    public record Result(int runs, int usable, List<Finding> findings, List<String> figures) {
    }

    private final int replicates;
    private final long seed;

    public Report(int replicates, long seed) {
        this.replicates = replicates;
        this.seed = seed;
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
        List<Finding> findings = new FindingsJudge(replicates, seed).judge(stats);
        Files.createDirectories(outDir);
        List<String> figures = Figures.draw(stats, outDir);
        SummaryWriter.writeCsv(outDir.resolve("summary.csv"), stats);
        SummaryWriter.writeMarkdown(outDir.resolve("summary.md"), manifest.name(), outcomes, stats, findings,
                figures, humanNormalisedAggregate(stats), replicates);
        return new Result(outcomes.size(), usable, findings, figures);
    }

    /** Markdown rows: per configuration across Atari games, IQM of human-normalised scores. */
    private List<String> humanNormalisedAggregate(List<ConfigStats> stats) {
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
        List<String> rows = new ArrayList<>();
        for (var e : byConfig.entrySet()) {
            Interval iqm = new StratifiedBootstrap(replicates, seed + e.getKey().hashCode()).iqm(e.getValue());
            int runs = e.getValue().stream().mapToInt(a -> a.length).sum();
            rows.add("| " + e.getKey() + " | " + e.getValue().size() + " | " + runs + " | " + iqm.format() + " |");
        }
        return rows;
    }
}
