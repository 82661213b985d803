package sparsedrl.agent.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sparsedrl.agent.run.ExclusiveLock;
import sparsedrl.agent.run.TrainingSession;
import sparsedrl.analysis.AtomicFiles;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.SweepManifest;

/**
 * Brings one run of a sweep to completion: skips it when finished, resumes it from its checkpoint,
 * or trains it from scratch, as a child process whose output is appended to
 * {@code SWEEP_DIR/logs/<run>.log} (outside the run directory, which {@code train --force} may
 * replace). Used by the local executor and by each Slurm array task.
 *
 * <p>Each run is taken under the lock {@code SWEEP_DIR/locks/<run>.lock}: a second task on the same
 * run (a Slurm task started twice, two sweeps) finds it held and leaves the run alone
 * ({@link RunResult.Outcome#BUSY}). {@link #stop} passes a stop signal on to the running children,
 * which checkpoint and exit, and starts no further run.
 */
public final class RunTask {

    private static final int LOG_TAIL_LINES = 15;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Every child of this JVM, for the shutdown hook. */
    private static final Set<Process> ALL_CHILDREN = ConcurrentHashMap.newKeySet();

    static {
        // An exit that skipped stop() (an uncaught error, SIGHUP) must not leave training processes behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL_CHILDREN.forEach(Process::destroy), "sweep-children"));
    }

    private final Path sweepDir;
    private final RunLauncher launcher;
    private final Set<Process> children = new HashSet<>();
    private String stopSignal;

    public RunTask(Path sweepDir, RunLauncher launcher) {
        this.sweepDir = sweepDir;
        this.launcher = launcher;
    }

    public static Path logFile(Path sweepDir, RunEntry run) {
        return sweepDir.resolve("logs").resolve(run.id() + ".log");
    }

    /** The lock a task holds while it decides about and runs one run. */
    public static Path lockFile(Path sweepDir, RunEntry run) {
        return sweepDir.resolve("locks").resolve(run.id() + ".lock");
    }

    /**
     * Asks the running children to stop (SIGTERM: they finish their step, checkpoint and exit) and
     * starts no further run. Safe to call from a signal handler.
     */
    public synchronized void stop(String signal) {
        if (stopSignal == null) {
            stopSignal = signal;
            children.forEach(Process::destroy);
        }
    }

    public RunResult run(RunEntry run) {
        Path runDir = SweepManifest.runDir(sweepDir, run).toAbsolutePath();
        Path lockFile = lockFile(sweepDir, run);
        Optional<ExclusiveLock> lock;
        try {
            Files.createDirectories(lockFile.getParent());
            lock = ExclusiveLock.tryAcquire(lockFile);
        } catch (IOException e) {
            return new RunResult(run, RunResult.Outcome.FAILED, "cannot lock " + lockFile + ": " + e.getMessage());
        }
        if (lock.isEmpty()) {
            return new RunResult(run, RunResult.Outcome.BUSY,
                    "another process is running it" + ExclusiveLock.holder(lockFile) + "; left alone");
        }
        try (ExclusiveLock held = lock.get()) {
            return runLocked(run, runDir);
        }
    }

    private RunResult runLocked(RunEntry run, Path runDir) {
        RunState state = RunState.of(runDir);
        if (state == RunState.FINISHED) {
            return new RunResult(run, RunResult.Outcome.SKIPPED_FINISHED, "");
        }
        Path log = logFile(sweepDir, run).toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(runDir.getParent());
            Path config = writeConfig(run);
            List<String> cmd = launcher.command(run, runDir, config, state);
            Process p;
            synchronized (this) {
                if (stopSignal != null) {
                    return new RunResult(run, RunResult.Outcome.STOPPED, "not started (" + stopSignal + ")");
                }
                Files.writeString(log, "### " + Instant.now() + " " + state.name().toLowerCase() + ": "
                        + readable(cmd) + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                children.add(p);
                ALL_CHILDREN.add(p);
            }
            int code;
            try {
                code = p.waitFor();
            } finally {
                synchronized (this) {
                    children.remove(p);
                }
                ALL_CHILDREN.remove(p);
            }
            if (code == 0 && RunState.of(runDir) == RunState.FINISHED) {
                return new RunResult(run, RunResult.Outcome.COMPLETED, "");
            }
            if (code == TrainingSession.EXIT_STOPPED) {
                return new RunResult(run, RunResult.Outcome.STOPPED, "stopped by a signal after a checkpoint (log " + log + ")");
            }
            String why = code == 0 ? "exited 0 but wrote no result.json" : "exit code " + code;
            return new RunResult(run, RunResult.Outcome.FAILED, why + " (log " + log + ")" + tail(log));
        } catch (IOException e) {
            return new RunResult(run, RunResult.Outcome.FAILED, "could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunResult(run, RunResult.Outcome.FAILED, "interrupted");
        }
    }

    /** The command with a long class path shortened, so the log's first line stays readable. */
    private static String readable(List<String> cmd) {
        List<String> shown = new ArrayList<>(cmd);
        for (int i = 0; i + 1 < shown.size(); i++) {
            if (shown.get(i).equals("-cp") && shown.get(i + 1).length() > 120) {
                String cp = shown.get(i + 1);
                shown.set(i + 1, cp.substring(0, cp.indexOf(java.io.File.pathSeparatorChar) < 0 ? 120
                        : cp.indexOf(java.io.File.pathSeparatorChar)) + ":...");
            }
        }
        return String.join(" ", shown);
    }

    /** Writes the run's config overrides for train's --config; null when it has none. */
    private Path writeConfig(RunEntry run) throws IOException {
        if (run.configOverrides().isEmpty()) {
            return null;
        }
        Path f = sweepDir.resolve("configs").resolve(run.id() + ".json").toAbsolutePath();
        AtomicFiles.write(f, out -> JSON.writeValue(out, run.configOverrides()));
        return f;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = new ArrayList<>(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            return last.isEmpty() ? "" : System.lineSeparator() + "    | "
                    + String.join(System.lineSeparator() + "    | ", last);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
