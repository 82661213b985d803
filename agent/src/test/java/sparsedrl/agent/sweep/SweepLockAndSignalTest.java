package sparsedrl.agent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.agent.run.ChildJvm;
import sparsedrl.analysis.runs.SweepManifest;
import sparsedrl.cli.CliRun;
import sparsedrl.cli.SparseDrl;

/**
 * One process per sweep directory and per run: a second sweep on the same --out is refused, a run
 * task started twice leaves the run to the first; a signal stops a sweep or a task with a
 * checkpoint (exit code 3), and a task warned of its Slurm time limit (SIGUSR1) requeues itself.
 * Real child processes and real training runs (small ones).
 */
class SweepLockAndSignalTest {

    /**
     * One dense run of 2 x 1,500 training steps with small batches: a few seconds, a first checkpoint
     * after 200 steps and most of the run still ahead when the tests act on it.
     */
    private static Path spec(Path dir) throws Exception {
        return Files.writeString(dir.resolve("one-run.json"), """
                {"name": "one-run", "frames": 3000,
                 "base": {"iterations": "2", "batch-size": "8", "min-replay": "100", "replay-capacity": "500",
                          "threads": "1", "dormant-samples": "32", "checkpoint-every-steps": "200",
                          "checkpoint-minutes": "0"},
                 "axes": {"env": ["minatar:breakout"], "method": ["dense"], "seed": [0]}}
                """);
    }

    /** The one-run sweep written (sweep.json and the job script, nothing submitted), as a Slurm task finds it. */
    private static Path preparedSweep(Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        CliRun r = CliRun.of("sweep", spec(tmp).toString(), "--out", sweep.toString(), "--executor", "slurm", "--no-submit");
        assertEquals(0, r.code(), r.out() + r.err());
        return sweep;
    }

    private static Path onlyRunDir(Path sweep) throws Exception {
        return SweepManifest.runDir(sweep, SweepManifest.read(sweep).runs().get(0));
    }

    @Test
    void aSecondSweepOnTheSameDirectoryIsRefusedAndASignalStopsTheFirst(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp);
        Path sweep = tmp.resolve("sweep");
        ChildJvm first = ChildJvm.start(tmp.resolve("first.log"),
                List.of("sweep", spec.toString(), "--out", sweep.toString(), "--executor", "local"));
        assertTrue(first.await(() -> SweepManifest.exists(sweep)), first.log());
        Path runDir = onlyRunDir(sweep);
        assertTrue(first.await(() -> ChildJvm.hasCheckpoint(runDir)), first.log());

        for (String executor : List.of("slurm", "local")) {
            CliRun second = CliRun.of("sweep", spec.toString(), "--out", sweep.toString(), "--executor", executor, "--no-submit");
            assertEquals(SparseDrl.EXIT_USAGE, second.code(), second.out() + second.err());
            assertTrue(second.err().contains("in use by another sparsedrl sweep (pid " + first.process().pid() + ")"),
                    second.err());
        }
        assertTrue(Files.notExists(sweep.resolve("slurm")), "the refused sweep wrote no job script");

        first.signal("TERM");
        assertEquals(SparseDrl.EXIT_STOPPED, first.exitCode(), first.log());
        assertTrue(first.log().contains("1 stopped") && first.log().contains("run the same sweep command again"),
                first.log());
        assertEquals(RunState.RESUMABLE, RunState.of(runDir));

        CliRun again = CliRun.of("sweep", spec.toString(), "--out", sweep.toString(), "--executor", "local");
        assertEquals(SparseDrl.EXIT_OK, again.code(), again.out() + again.err());
        assertEquals(RunState.FINISHED, RunState.of(runDir));
        String runLog = Files.readString(RunTask.logFile(sweep, SweepManifest.read(sweep).runs().get(0)));
        assertTrue(runLog.contains("stopped by SIGTERM") && runLog.contains("resumed from"), runLog);
    }

    @Test
    void aRunTaskStartedTwiceLeavesTheRunToTheFirst(@TempDir Path tmp) throws Exception {
        Path sweep = preparedSweep(tmp);
        Path runDir = onlyRunDir(sweep);
        ChildJvm task = ChildJvm.start(tmp.resolve("task.log"), List.of("sweep", "run-task", sweep.toString(), "0"));
        assertTrue(task.await(() -> ChildJvm.hasCheckpoint(runDir)), task.log());

        CliRun twin = CliRun.of("sweep", "run-task", sweep.toString(), "0");
        assertEquals(SparseDrl.EXIT_OK, twin.code(), twin.out() + twin.err());
        assertTrue(twin.out().contains("BUSY another process is running it (pid " + task.process().pid() + ")"),
                twin.out());

        task.signal("TERM");
        assertEquals(SparseDrl.EXIT_STOPPED, task.exitCode(), task.log());
        assertEquals(RunState.RESUMABLE, RunState.of(runDir));
        String runLog = Files.readString(RunTask.logFile(sweep, SweepManifest.read(sweep).runs().get(0)));
        assertEquals(1, runLog.lines().filter(l -> l.startsWith("### ")).count(), "one launch only:\n" + runLog);
    }

    @Test
    void aTaskWarnedOfItsTimeLimitCheckpointsAndRequeuesItself(@TempDir Path tmp) throws Exception {
        Path sweep = preparedSweep(tmp);
        Path runDir = onlyRunDir(sweep);
        // a stand-in for Slurm's scontrol that records how it was called
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("scontrol-calls.txt");
        Path scontrol = Files.writeString(bin.resolve("scontrol"), "#!/bin/sh\necho \"$@\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(scontrol, PosixFilePermissions.fromString("rwxr-xr-x"));
        ChildJvm task = ChildJvm.start(tmp.resolve("task.log"), null,
                Map.of("PATH", bin + ":" + System.getenv("PATH"), "SLURM_ARRAY_JOB_ID", "4242", "SLURM_ARRAY_TASK_ID", "0"),
                List.of("sweep", "run-task", sweep.toString(), "0"));
        assertTrue(task.await(() -> ChildJvm.hasCheckpoint(runDir)), task.log());

        task.signal("USR1");
        assertEquals(SparseDrl.EXIT_STOPPED, task.exitCode(), task.log());
        assertEquals("requeue 4242_0", Files.readString(calls).strip());
        assertTrue(task.log().contains("requeued 4242_0"), task.log());
        assertEquals(RunState.RESUMABLE, RunState.of(runDir), "the requeued task resumes it (SlurmSweepTest runs that)");
        String runLog = Files.readString(RunTask.logFile(sweep, SweepManifest.read(sweep).runs().get(0)));
        assertTrue(runLog.contains("stopped by SIGTERM"), runLog);
    }
}
