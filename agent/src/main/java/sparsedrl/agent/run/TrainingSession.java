package sparsedrl.agent.run;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import sparsedrl.agent.config.ConfigResolver;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.analysis.Plots;
import sparsedrl.tasks.backend.Backend;

/** One process's share of a run: build the runner, start or resume it, run it to the end, report. */
public final class TrainingSession {
    private TrainingSession() {
    }

    /**
     * @param resume continue from the newest usable checkpoint (or restart when there is none)
     * @return the exit code (0)
     */
    public static int start(RunConfig cfg, RunDirectory dir, boolean resume, Backend backend,
                            ExperimentRunner.EnvFactory envs, PrintWriter out, PrintStream err) throws Exception {
        Path runDir = dir.path();
        err.println("sparsedrl: " + (resume ? "resuming" : "starting") + " run " + runDir + " on " + backend.name()
                + " (" + backend.device() + ")");
        if (!resume) {
            err.println("sparsedrl: config\n" + ConfigResolver.toJson(cfg));
        }
        try (ExperimentRunner runner = new ExperimentRunner(cfg, runDir, backend, envs, err)) {
            if (resume) {
                runner.resume();
            } else {
                runner.initializeFresh();
            }
            RunResult result;
            try (Progress progress = Progress.forTerminal(runDir.getFileName().toString(), runner.progressStart())) {
                result = runner.run(progress);
            }
            drawCurve(runDir, err);
            out.printf(Locale.ROOT, "run %s finished: final eval return %.3f (mean of the last %d iterations), "
                            + "%d frames, %.0f s%n", runDir, result.finalEvalReturn(), result.finalIterations(),
                    result.frames(), result.wallSeconds());
            out.printf(Locale.ROOT, "results: %s (metrics.csv, result.json, learning_curve.png)%n", runDir.toAbsolutePath());
            out.flush();
        }
        return 0;
    }

    private static void drawCurve(Path runDir, PrintStream err) {
        try {
            Plots.learningCurve(runDir.resolve("metrics.csv"), runDir.resolve("learning_curve"));
        } catch (Exception | LinkageError e) {
            // the run's numbers are written; a plot failure (e.g. headless font trouble) must not fail the run
            err.println("sparsedrl: warning: could not draw the learning curve: " + e);
        }
    }
}
