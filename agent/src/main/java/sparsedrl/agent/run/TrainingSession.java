package sparsedrl.agent.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import sparsedrl.agent.config.ConfigResolver;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.analysis.Plots;
import sparsedrl.tasks.backend.Backend;

/** One process's share of a run: build the runner, start or resume it, run it to the end or to a stop, report. */
public final class TrainingSession {
    /** Exit code of train and resume when a signal stopped the run after a checkpoint. */
    public static final int EXIT_STOPPED = 3;

    private TrainingSession() {
    }

    /** How a session ended (failures are exceptions). */
    public enum Outcome {
        /** The run finished: result.json is written. */
        FINISHED,
        /** A signal stopped it after a checkpoint; {@code sparsedrl resume} continues it. */
        STOPPED
    }

    /** Opens the run directory once the runner is built. */
    @FunctionalInterface
    public interface DirectoryOpener {
        RunDirectory open() throws IOException;
    }

    /**
     * Builds the runner first (environments, network, the memory and disk check, the replay buffer)
     * and only then opens the directory, so that a run refused for its needs or a missing ROM writes
     * nothing; a fresh run that fails before its first agent step removes what it wrote.
     *
     * @param runDir    the run directory's path
     * @param resume    continue from the newest usable checkpoint (or restart when there is none)
     * @param directory creates (train) or hands over the already opened (resume) run directory
     */
    public static Outcome start(RunConfig cfg, Path runDir, boolean resume, Backend backend,
                                ExperimentRunner.EnvFactory envs, DirectoryOpener directory, StopRequest stop,
                                PrintWriter out, PrintStream err) throws Exception {
        err.println("sparsedrl: " + (resume ? "resuming" : "starting") + " run " + runDir + " on " + backend.name()
                + " (" + backend.device() + ")");
        if (!resume) {
            err.println("sparsedrl: config\n" + ConfigResolver.toJson(cfg));
        }
        try (ExperimentRunner runner = new ExperimentRunner(cfg, runDir, backend, envs, err);
             RunDirectory dir = directory.open()) {
            RunResult result;
            try {
                if (resume) {
                    runner.resume();
                } else {
                    dir.writeConfig(cfg);
                    runner.initializeFresh();
                }
                try (Progress progress = Progress.forTerminal(runDir.getFileName().toString(), runner.progressStart())) {
                    result = runner.run(progress, stop);
                }
            } catch (RunStoppedException e) {
                err.println("sparsedrl: " + e.getMessage() + "; continue with: sparsedrl resume " + runDir);
                return Outcome.STOPPED;
            } catch (Exception | Error e) {
                if (!resume && !runner.started()) {
                    dir.discardUnstarted();
                }
                throw e;
            }
            drawCurve(runDir, err);
            out.printf(Locale.ROOT, "run %s finished: final eval return %.3f (mean of the last %d iterations), "
                            + "%d frames, %.0f s%n", runDir, result.finalEvalReturn(), result.finalIterations(),
                    result.frames(), result.wallSeconds());
            out.printf(Locale.ROOT, "results: %s (metrics.csv, result.json, learning_curve.png)%n", runDir.toAbsolutePath());
            out.flush();
        }
        return Outcome.FINISHED;
    }

    private static void drawCurve(Path runDir, PrintStream err) {
        try {
            Plots.learningCurve(runDir.resolve(MetricsLog.CSV), runDir.resolve(RunDirectory.LEARNING_CURVE));
        } catch (Exception | LinkageError e) {
            // the run's numbers are written; a plot failure (e.g. headless font trouble) must not fail the run
            err.println("sparsedrl: warning: could not draw the learning curve: " + e);
        }
    }
}
