package sparsedrl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sparsedrl.analysis.report.Finding;
import sparsedrl.analysis.report.FindingsJudge;
import sparsedrl.analysis.report.Report;
import sparsedrl.analysis.runs.SweepManifest;
import sparsedrl.analysis.stats.StratifiedBootstrap;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Aggregate runs into statistics with confidence intervals and the paper's figures.",
            "Writes REPORT_DIR/report.html (one self-contained page), summary.md, summary.csv, fig1/fig2/fig3,",
            "rliable_* (performance profiles, IQM and optimality gap, probability of improvement) and curves/",
            "(PNG and SVG)."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "a directory written by sparsedrl sweep")
    Path sweepDir;

    @Option(names = "--out", required = true, paramLabel = "REPORT_DIR", description = "where the report goes")
    Path out;

    @Option(names = "--bootstrap", defaultValue = "" + StratifiedBootstrap.DEFAULT_REPLICATES, paramLabel = "N",
            description = "bootstrap replicates (default ${DEFAULT-VALUE})")
    int replicates;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "bootstrap seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--equivalence-margin", defaultValue = "" + FindingsJudge.DEFAULT_EQUIVALENCE_MARGIN,
            paramLabel = "M", description = {"findings: two results are comparable (\"closes the gap\", \"comparable\") "
            + "when the 90% interval of their difference lies inside ±M, in human-normalised score (min–max rescaled "
            + "within the sweep for games without human scores); default ${DEFAULT-VALUE}"})
    double margin;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(sweepDir) || !SweepManifest.exists(sweepDir)) {
            throw new UsageException(sweepDir + " is not a sweep directory (no " + SweepManifest.FILE + ")");
        }
        if (replicates < 1) {
            throw new UsageException("--bootstrap must be at least 1");
        }
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new UsageException("--equivalence-margin must be a positive number, got " + margin);
        }
        Report.Result r = new Report(replicates, seed, margin).write(sweepDir, out, System.out);
        for (String f : r.figures()) {
            System.out.println(f);
        }
        for (Finding f : r.findings()) {
            System.out.printf("finding (%s): %s (%s)%n", f.id(), f.verdict().text(), f.note());
            for (Finding.Claim c : f.claims()) {
                System.out.printf("  %s %s: %s — %s%n", c.id(), c.verdict().text(), c.text(), c.summary());
            }
        }
        System.out.println("report: " + out.resolve(Report.HTML) + " (open in a browser), " + out.resolve("summary.md"));
        return SparseDrl.EXIT_OK;
    }
}
