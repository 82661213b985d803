package sparsedrl.agent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.SweepManifest;

/**
 * A real Slurm run: starts a single-node cluster on localhost (scripts/slurm-local.sh), submits a
 * two-run sweep of real {@code sparsedrl train} runs as a job array, waits with a timeout, checks
 * that every run finished, re-submits to check that finished runs are skipped; then sends a task
 * the time-limit warning and checks that it checkpoints, requeues itself and resumes bit-identical;
 * tears the cluster down. Skipped, with the reason printed, where Slurm is not installed.
 */
@Tag("slurm")
class SlurmSweepTest {

    private static Path root;
    private static Path clusterDir;
    private static boolean started;

    @BeforeAll
    static void startCluster() throws Exception {
        root = repoRoot();
        String missing = missingSlurmBinaries();
        if (!missing.isEmpty()) {
            System.out.println("SlurmSweepTest skipped: Slurm is not installed (missing " + missing
                    + "); apt-get install slurmctld slurmd slurm-client munge");
        }
        Assumptions.assumeTrue(missing.isEmpty(), "Slurm not installed: missing " + missing);
        clusterDir = Files.createTempDirectory("sdrl-slurm");
        Proc p = script("start");
        assertEquals(0, p.code, "slurm-local.sh start failed:\n" + p.output);
        started = true;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (started) {
            Proc p = script("stop");
            assertEquals(0, p.code, "slurm-local.sh stop failed:\n" + p.output);
            deleteRecursively(clusterDir); // only once the daemons are gone
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void tinySweepRunsAsAJobArrayAndIsResumable() throws Exception {
        // a space and a # in the path: the job script's output path must be quoted for sbatch
        Path sweep = clusterDir.resolve("sweep #1");
        Path spec = clusterDir.resolve("tiny.json");
        // minatar full protocol is 5M frames; --scale 0.0002 -> 1,000 frames over 2 iterations, with the
        // target period and epsilon schedule shrunk alike (learning starts after one batch).
        Files.writeString(spec, """
                {"name": "slurm-tiny", "base": {"iterations": "2"},
                 "axes": {"env": ["minatar:breakout"], "method": ["dense", "prune"], "sparsity": [0.9], "seed": [0]}}
                """);
        List<String> args = List.of("sweep", spec.toString(), "--out", sweep.toString(), "--scale", "0.0002",
                "--executor", "slurm", "--slurm-mem", "1G", "--slurm-cpus", "1", "--slurm-time", "00:10:00",
                "--slurm-concurrency", "2", "--wait", "--wait-timeout", "300");
        Proc first = sparsedrl(args, 360);
        SweepManifest m = SweepManifest.read(sweep);
        assertEquals(2, m.runs().size());
        StringBuilder logs = new StringBuilder();
        for (RunEntry r : m.runs()) {
            Path log = RunTask.logFile(sweep, r);
            if (Files.exists(log)) {
                logs.append("--- ").append(log).append('\n').append(Files.readString(log));
            }
        }
        assertEquals(0, first.code, "sweep failed:\n" + first.output + logs);
        assertTrue(Files.readString(sweep.resolve("slurm/sweep.sbatch")).contains("#SBATCH --array=0-1%2"));
        try (var outputs = Files.list(sweep.resolve("slurm"))) {
            assertEquals(2, outputs.filter(f -> f.getFileName().toString().endsWith(".out")).count(),
                    "each task's output file where the script put it");
        }
        for (RunEntry r : m.runs()) {
            Path dir = SweepManifest.runDir(sweep, r);
            assertEquals(RunState.FINISHED, RunState.of(dir), r.id() + " did not finish:\n" + logs);
            assertTrue(Files.readAllLines(dir.resolve("metrics.csv")).size() >= 2, r.id() + " has no metrics rows");
        }

        Proc again = sparsedrl(args, 120);
        assertEquals(0, again.code, again.output);
        assertTrue(again.output.contains("nothing to submit"), again.output);
    }

    @Test
    void aTaskWarnedOfItsTimeLimitCheckpointsRequeuesItselfAndResumesBitIdentical() throws Exception {
        Path sweep = clusterDir.resolve("warned");
        Path spec = clusterDir.resolve("one-run.json");
        // one dense run of 2 x 2,000 training steps, a checkpoint every 500 steps
        Files.writeString(spec, """
                {"name": "one-run", "frames": 4000,
                 "base": {"iterations": "2", "batch-size": "8", "min-replay": "100", "replay-capacity": "500",
                          "threads": "1", "dormant-samples": "32", "checkpoint-every-steps": "500",
                          "checkpoint-minutes": "0"},
                 "axes": {"env": ["minatar:breakout"], "method": ["dense"], "seed": [0]}}
                """);
        List<String> args = List.of("sweep", spec.toString(), "--out", sweep.toString(), "--executor", "slurm",
                "--slurm-mem", "1G", "--slurm-cpus", "1", "--slurm-time", "00:10:00");
        Proc submitted = sparsedrl(args, 120);
        assertEquals(0, submitted.code, submitted.output);
        java.util.regex.Matcher job = java.util.regex.Pattern.compile("submitted job array (\\d+)").matcher(submitted.output);
        assertTrue(job.find(), submitted.output);
        String task = job.group(1) + "_0";
        assertTrue(Files.readString(sweep.resolve("slurm/sweep.sbatch")).contains("#SBATCH --signal=B:USR1@300\n"));

        Proc twice = sparsedrl(args, 120);
        assertEquals(2, twice.code, twice.output);
        assertTrue(twice.output.contains("job " + job.group(1) + " of this sweep is still queued or running"), twice.output);

        RunEntry run = SweepManifest.read(sweep).runs().get(0);
        Path runDir = SweepManifest.runDir(sweep, run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!hasCheckpoint(runDir) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(hasCheckpoint(runDir), "no checkpoint within 120 s");
        // what Slurm sends --signal's lead time before the time limit
        Proc warn = run(List.of("scancel", "--signal=USR1", "--batch", task), 30);
        assertEquals(0, warn.code, warn.output);
        Path taskOutput = sweep.resolve("slurm/" + task + ".out");
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(taskOutput) && Files.readString(taskOutput).contains("requeued " + task))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.readString(taskOutput).contains("requeued " + task), Files.readString(taskOutput));
        // Slurm holds a requeued job for two minutes (reason BeginTime); no need to wait here
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String state = "";
        while (!state.equals("PENDING BeginTime") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            state = run(List.of("squeue", "-h", "-j", task, "-o", "%T %r"), 30).output.strip();
        }
        assertEquals("PENDING BeginTime", state, "the task is requeued");
        Proc now = run(List.of("scontrol", "update", "JobId=" + task, "StartTime=now"), 30);
        assertEquals(0, now.code, now.output);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (RunState.of(runDir) != RunState.FINISHED && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        String log = Files.readString(RunTask.logFile(sweep, run));
        assertEquals(RunState.FINISHED, RunState.of(runDir), log + Files.readString(taskOutput)
                + run(List.of("squeue", "-j", task, "-o", "%i %T %r %S"), 30).output);
        assertTrue(log.contains("stopped by SIGTERM") && log.contains("resumed from"), log);

        Path reference = clusterDir.resolve("reference");
        List<String> train = new ArrayList<>(List.of("train"));
        train.addAll(run.trainArgs());
        train.addAll(List.of("--out", reference.toString()));
        Proc ref = sparsedrl(train, 240);
        assertEquals(0, ref.code, ref.output);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(reference.resolve("final-network.bin")),
                Files.readAllBytes(runDir.resolve("final-network.bin"))), "the requeued run ends bit-identical");
    }

    private static boolean hasCheckpoint(Path runDir) {
        java.io.File[] f = runDir.resolve("checkpoints").toFile().listFiles((d, n) -> n.matches("ckpt-\\d+\\.bin"));
        return f != null && f.length > 0;
    }

    private record Proc(int code, String output) {
    }

    private static Proc sparsedrl(List<String> args, int timeoutSeconds) throws Exception {
        List<String> cmd = new ArrayList<>(JavaRunLauncher.ofThisApplication().prefix());
        cmd.addAll(args);
        return run(cmd, timeoutSeconds);
    }

    private static Proc script(String action) throws Exception {
        return run(List.of("bash", root.resolve("scripts/slurm-local.sh").toString(), action), 180);
    }

    private static Proc run(List<String> cmd, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARSEDRL_SLURM_DIR", clusterDir.resolve("cluster").toString());
        pb.environment().put("SPARSEDRL_SLURM_PORT_BASE", "16917"); // apart from a developer's cluster
        pb.environment().put("SLURM_CONF", clusterDir.resolve("cluster/slurm.conf").toString());
        Path out = Files.createTempFile(clusterDir, "proc", ".log");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Proc(124, "timed out after " + timeoutSeconds + " s: " + cmd + "\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static String missingSlurmBinaries() {
        List<String> missing = new ArrayList<>();
        for (String b : List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel")) {
            boolean found = false;
            for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
                found |= Files.isExecutable(Path.of(d, b));
            }
            if (!found) {
                missing.add(b);
            }
        }
        return String.join(", ", missing);
    }

    private static Path repoRoot() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/slurm-local.sh"))) {
                return p;
            }
        }
        throw new IOException("scripts/slurm-local.sh not found above " + Path.of("").toAbsolutePath());
    }
}
