package sparsedrl.agent.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import sparsedrl.analysis.AtomicFiles;

/**
 * Submits a sweep as one Slurm job array: task i runs {@code sparsedrl sweep run-task SWEEP_DIR i},
 * which skips, resumes or trains run i. {@code --requeue} lets Slurm restart a task after a node
 * failure or pre-emption; the restarted task resumes from the run's checkpoint. Pre-emption and
 * {@code scancel} send SIGTERM: the run checkpoints and the task exits. {@code --signal} asks for
 * SIGUSR1 {@link SlurmOptions#stopBefore()} seconds before the time limit: the task stops its run
 * with a checkpoint and requeues itself, and the requeued task resumes from that point.
 */
public final class SlurmExecutor {

    private final List<String> taskPrefix;

    /** @param taskPrefix java, options, class path and main class of this application */
    public SlurmExecutor(List<String> taskPrefix) {
        this.taskPrefix = List.copyOf(taskPrefix);
    }

    /** The signal a task gets before its time limit, and the one that stops it for good (scancel, pre-emption). */
    public static final String TIME_LIMIT_SIGNAL = "USR1";

    /**
     * Refuses (IllegalArgumentException) a sweep whose directory or name cannot go into the job
     * script: sbatch reads {@code #SBATCH} values up to a newline, with {@code "} and {@code \}
     * as quoting characters, and a backslash in an output path turns off its %A/%a patterns.
     */
    public static void checkScriptable(Path sweepDir, String sweepName) {
        String dir = sweepDir.toAbsolutePath().toString();
        SlurmOptions.requireOneLine("the sweep directory", dir);
        if (dir.contains("\"") || dir.contains("\\")) {
            throw new IllegalArgumentException("the sweep directory " + dir + " contains \" or \\, which sbatch "
                    + "cannot take in an output path; choose another --out");
        }
        SlurmOptions.requireOneLine("the sweep name", sweepName);
    }

    /** Writes {@code SWEEP_DIR/slurm/sweep.sbatch} for the given run indices and returns its path. */
    public Path writeScript(Path sweepDir, String sweepName, List<Integer> indices, SlurmOptions o) throws IOException {
        checkScriptable(sweepDir, sweepName);
        Path dir = sweepDir.toAbsolutePath();
        Path slurmDir = dir.resolve("slurm");
        Files.createDirectories(slurmDir);
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# sparsedrl sweep '").append(sweepName).append("': one array task per unfinished run.\n");
        s.append("#SBATCH --job-name=sdrl-").append(sweepName.replaceAll("[^A-Za-z0-9_-]", "-")).append('\n');
        s.append("#SBATCH --array=").append(arraySpec(indices, o.concurrency())).append('\n');
        s.append("#SBATCH --requeue\n");
        s.append("#SBATCH --open-mode=append\n");
        // quoted: a space or # would end the value; %% is a literal % in Slurm's file name patterns
        s.append("#SBATCH --output=\"").append(slurmDir.toString().replace("%", "%%")).append("/%A_%a.out\"\n");
        if (o.stopBefore() > 0) {
            // B: to the batch shell, which exec's the task: the task itself gets it, and stops its run
            s.append("#SBATCH --signal=B:").append(TIME_LIMIT_SIGNAL).append('@').append(o.stopBefore()).append('\n');
        }
        s.append("#SBATCH --cpus-per-task=").append(o.cpus()).append('\n');
        if (o.time() != null) {
            s.append("#SBATCH --time=").append(o.time()).append('\n');
        }
        if (o.mem() != null) {
            s.append("#SBATCH --mem=").append(o.mem()).append('\n');
        }
        if (o.gpus() > 0) {
            s.append("#SBATCH --gres=gpu:").append(o.gpus()).append('\n');
        }
        if (o.partition() != null) {
            s.append("#SBATCH --partition=").append(o.partition()).append('\n');
        }
        for (String x : o.extra()) {
            s.append("#SBATCH ").append(x).append('\n');
        }
        s.append("set -euo pipefail\n");
        s.append("exec");
        for (String a : taskPrefix) {
            s.append(' ').append(shellQuote(a));
        }
        s.append(" sweep run-task ").append(shellQuote(dir.toString())).append(" \"$SLURM_ARRAY_TASK_ID\"\n");
        Path script = slurmDir.resolve("sweep.sbatch");
        AtomicFiles.writeString(script, s.toString());
        return script;
    }

    /** Runs {@code sbatch --parsable} and returns the job id. */
    public String submit(Path script) throws IOException, InterruptedException {
        CommandOutput out = CommandOutput.run(List.of("sbatch", "--parsable", script.toString()), Duration.ofMinutes(2));
        if (out.exitCode() != 0) {
            throw new IOException("sbatch failed (exit " + out.exitCode() + "): " + out.text().strip());
        }
        String id = out.text().strip().split(";")[0].strip();
        Files.writeString(script.resolveSibling("jobs.txt"), id + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return id;
    }

    /**
     * The jobs of earlier submissions of this sweep ({@code slurm/jobs.txt}) that still have tasks
     * queued or running: submitting again would run their runs twice.
     */
    public static List<String> activeJobs(Path sweepDir) throws IOException, InterruptedException {
        Path jobs = sweepDir.resolve("slurm").resolve("jobs.txt");
        if (!Files.isRegularFile(jobs)) {
            return List.of();
        }
        List<String> ids = Files.readAllLines(jobs, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> l.matches("\\d+")).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        CommandOutput q = CommandOutput.run(List.of("squeue", "-h", "-j", String.join(",", ids), "-o", "%F"),
                Duration.ofSeconds(30));
        // squeue fails for ids it no longer knows: those jobs are long gone
        return q.exitCode() != 0 ? List.of() : q.text().lines().map(String::strip).filter(l -> !l.isEmpty())
                .distinct().toList();
    }

    /**
     * Requeues the array task this process runs in ({@code scontrol requeue JOB_TASK}), after its run
     * stopped with a checkpoint on the time-limit signal.
     *
     * @return what happened, for the task's output
     */
    public static String requeueThisTask() throws IOException, InterruptedException {
        String job = System.getenv("SLURM_ARRAY_JOB_ID");
        String task = System.getenv("SLURM_ARRAY_TASK_ID");
        if (job == null || task == null) {
            return "not requeued: not inside a Slurm array task";
        }
        CommandOutput r = CommandOutput.run(List.of("scontrol", "requeue", job + "_" + task), Duration.ofMinutes(1));
        return r.exitCode() == 0 ? "requeued " + job + "_" + task
                : "scontrol requeue " + job + "_" + task + " failed (exit " + r.exitCode() + "): " + r.text().strip();
    }

    /** Polls squeue until the job has no task left; false when the timeout passed first. */
    public boolean waitFor(String jobId, Duration timeout, PrintStream log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            CommandOutput q = CommandOutput.run(List.of("squeue", "-h", "-j", jobId, "-o", "%i %T"), Duration.ofSeconds(30));
            String text = q.text().strip();
            // squeue exits non-zero for an unknown (long gone) job id: nothing left either way.
            if (text.isEmpty() || (q.exitCode() != 0 && text.contains("Invalid job id"))) {
                return true;
            }
            if (q.exitCode() != 0) {
                throw new IOException("squeue failed: " + text);
            }
            String summary = summarise(text);
            if (!summary.equals(last)) {
                log.println("slurm job " + jobId + ": " + summary);
                last = summary;
            }
            TimeUnit.SECONDS.sleep(2);
        }
        return false;
    }

    private static String summarise(String squeue) {
        java.util.Map<String, Integer> byState = new java.util.TreeMap<>();
        squeue.lines().forEach(l -> {
            String[] p = l.trim().split("\\s+");
            byState.merge(p.length > 1 ? p[1] : "?", 1, Integer::sum);
        });
        return byState.toString();
    }

    /** "0-3,5,7-9%2": ranges of consecutive indices, then the concurrency limit. */
    static String arraySpec(List<Integer> indices, int concurrency) {
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("no runs to submit");
        }
        List<Integer> sorted = new ArrayList<>(indices);
        sorted.sort(null);
        StringBuilder sb = new StringBuilder();
        int start = sorted.get(0);
        int prev = start;
        for (int i = 1; i <= sorted.size(); i++) {
            Integer cur = i < sorted.size() ? sorted.get(i) : null;
            if (cur != null && cur == prev + 1) {
                prev = cur;
                continue;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start == prev ? Integer.toString(start) : start + "-" + prev);
            if (cur != null) {
                start = cur;
                prev = cur;
            }
        }
        if (concurrency > 0) {
            sb.append('%').append(concurrency);
        }
        return sb.toString();
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
