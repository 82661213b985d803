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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sparsedrl.analysis.AtomicFiles;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.SweepManifest;

/**
 * Brings one run of a sweep to completion: skips it when finished, resumes it from its checkpoint,
 * or trains it from scratch, as a child process whose output is appended to
 * {@code SWEEP_DIR/logs/<run>.log} (outside the run directory, which {@code train --force} may
 * replace). Used by the local executor and by each Slurm array task.
 */
public final class RunTask {

    private static final int LOG_TAIL_LINES = 15;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // Stopping the sweep (Ctrl-C, scancel) must not leave training processes behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "sweep-children"));
    }

    private final Path sweepDir;
    private final RunLauncher launcher;

    public RunTask(Path sweepDir, RunLauncher launcher) {
        this.sweepDir = sweepDir;
        this.launcher = launcher;
    }

    public static Path logFile(Path sweepDir, RunEntry run) {
        return sweepDir.resolve("logs").resolve(run.id() + ".log");
    }

    public RunResult run(RunEntry run) {
        Path runDir = SweepManifest.runDir(sweepDir, run).toAbsolutePath();
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
            Files.writeString(log, "### " + Instant.now() + " " + state.name().toLowerCase() + ": "
                    + readable(cmd) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            LIVE.add(p);
            int code;
            try {
                code = p.waitFor();
            } finally {
                LIVE.remove(p);
            }
            if (code == 0 && RunState.of(runDir) == RunState.FINISHED) {
                return new RunResult(run, RunResult.Outcome.COMPLETED, "");
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
