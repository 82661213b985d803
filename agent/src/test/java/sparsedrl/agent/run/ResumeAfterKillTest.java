package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.cli.CliRun;
import sparsedrl.cli.SparseDrl;

/**
 * The real thing: {@code sparsedrl train} in a child JVM on the JVM backend and a small game,
 * interrupted after its first checkpoint (SIGKILL, or SIGTERM, which it answers with a checkpoint
 * and exit code 3), then {@code sparsedrl resume}; metrics (wall-clock columns aside) and the final
 * network must equal an uninterrupted run's, byte for byte.
 */
class ResumeAfterKillTest {
    /** Small enough for a unit test (batch 8, about 1,700 updates), long enough to be killed mid-run. */
    private static final List<String> RUN = List.of("--env", "minatar:breakout", "--seed", "11",
            "--iterations", "3", "--train-steps", "600", "--eval-steps", "200", "--min-replay", "100",
            "--batch-size", "8", "--replay-capacity", "500", "--target-update-period", "100",
            "--epsilon-warmup", "100", "--epsilon-decay", "500", "--dormant-every", "300", "--dormant-samples", "32",
            "--checkpoint-every-steps", "400", "--checkpoint-minutes", "0", "--threads", "1");

    @TempDir
    static Path shared;
    private static Path reference;

    @BeforeAll
    static void uninterruptedRun() {
        reference = shared.resolve("reference");
        cli(train(reference).toArray(String[]::new));
    }

    /** Runs the command line in this JVM, which must succeed; returns what it printed on standard error. */
    static String cli(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return r.err();
    }

    private static List<String> train(Path out) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(RUN);
        return args;
    }

    /** Starts the run in a child JVM and waits until it has written a checkpoint and gone on a little. */
    private static ChildJvm startAndWaitPastACheckpoint(Path runDir, Path log) throws Exception {
        ChildJvm child = ChildJvm.start(log, train(runDir));
        assertTrue(child.await(() -> ChildJvm.hasCheckpoint(runDir)), "no checkpoint appeared; child log:\n" + child.log());
        Thread.sleep(150); // somewhere after the first checkpoint, not right at it
        assertTrue(child.process().isAlive(), "the child finished before it could be stopped; make the run longer");
        return child;
    }

    private static void assertSameAsReference(Path runDir) throws Exception {
        assertEquals(ExperimentRunnerResumeTest.withoutWallClock(reference),
                ExperimentRunnerResumeTest.withoutWallClock(runDir));
        assertArrayEquals(Files.readAllBytes(reference.resolve(ExperimentRunner.FINAL_NETWORK)),
                Files.readAllBytes(runDir.resolve(ExperimentRunner.FINAL_NETWORK)));
        assertTrue(Files.exists(runDir.resolve(RunResult.FILE)));
    }

    @Test
    void killedAndResumedRunIsBitIdentical(@TempDir Path tmp) throws Exception {
        Path killed = tmp.resolve("killed");
        ChildJvm child = startAndWaitPastACheckpoint(killed, tmp.resolve("child.log"));
        child.process().destroyForcibly(); // SIGKILL
        child.exitCode();
        assertFalse(Files.exists(killed.resolve(RunResult.FILE)));

        cli("resume", killed.toString());
        assertSameAsReference(killed);
    }

    @Test
    void sigtermCheckpointsWhereTheRunStandsAndResumesBitIdentical(@TempDir Path tmp) throws Exception {
        Path stopped = tmp.resolve("stopped");
        ChildJvm child = startAndWaitPastACheckpoint(stopped, tmp.resolve("child.log"));
        child.signal("TERM");
        int code = child.exitCode();
        String log = child.log();
        assertEquals(SparseDrl.EXIT_STOPPED, code, log);
        assertEquals(3, SparseDrl.EXIT_STOPPED, "the exit code the README documents");
        Matcher m = Pattern.compile("stopped by SIGTERM in (iteration \\d/3 after \\d+ \\w+ steps); checkpoint written: (\\S+);")
                .matcher(log);
        assertTrue(m.find(), log);
        Path checkpoint = Path.of(m.group(2));
        assertEquals(new CheckpointStore(stopped.resolve("checkpoints")).checkpoints().get(0), checkpoint,
                "the checkpoint of the stop is the newest");
        assertFalse(Files.exists(stopped.resolve(RunResult.FILE)));

        String resumed = cli("resume", stopped.toString());
        assertTrue(resumed.contains("resumed from " + checkpoint + " (" + m.group(1) + ")"),
                "resume continues where the signal stopped the run:\n" + resumed);
        assertSameAsReference(stopped);
    }
}
