package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sparsedrl.agent.sweep.JavaRunLauncher;
import sparsedrl.cli.SparseDrl;

/**
 * The real thing: {@code sparsedrl train} in a child JVM on the JVM backend and a small game, killed
 * with SIGKILL after its first checkpoint, then {@code sparsedrl resume}; metrics (wall-clock columns
 * aside) and the final network must equal an uninterrupted run's, byte for byte.
 */
class ResumeAfterKillTest {
    /** Small enough for a unit test (batch 8, about 1,700 updates), long enough to be killed mid-run. */
    private static final List<String> RUN = List.of("--env", "minatar:breakout", "--seed", "11",
            "--iterations", "3", "--train-steps", "600", "--eval-steps", "200", "--min-replay", "100",
            "--batch-size", "8", "--replay-capacity", "500", "--target-update-period", "100",
            "--epsilon-warmup", "100", "--epsilon-decay", "500", "--dormant-every", "300", "--dormant-samples", "32",
            "--checkpoint-every-steps", "400", "--checkpoint-minutes", "0", "--threads", "1");

    static int cli(String... args) {
        CommandLine cl = SparseDrl.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        assertEquals(0, code, err.toString());
        return code;
    }

    private static List<String> train(Path out) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(RUN);
        return args;
    }

    @Test
    void killedAndResumedRunIsBitIdentical(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        cli(train(reference).toArray(String[]::new));

        Path killed = tmp.resolve("killed");
        // same JVM options as this one (the Vector API kernels among them), as a sweep starts its runs
        List<String> cmd = new ArrayList<>(JavaRunLauncher.ofThisApplication().prefix());
        cmd.addAll(train(killed));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path ckpts = killed.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!hasCheckpoint(ckpts) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(hasCheckpoint(ckpts), "no checkpoint appeared; child log:\n" + Files.readString(tmp.resolve("child.log")));
        Thread.sleep(150); // kill somewhere after the first checkpoint, not right at it
        assertTrue(child.isAlive(), "the child finished before it could be killed; make the run longer");
        child.destroyForcibly(); // SIGKILL
        child.waitFor(10, TimeUnit.SECONDS);
        assertFalse(Files.exists(killed.resolve(RunResult.FILE)));

        cli("resume", killed.toString());
        assertEquals(ExperimentRunnerResumeTest.withoutWallClock(reference),
                ExperimentRunnerResumeTest.withoutWallClock(killed));
        assertArrayEquals(Files.readAllBytes(reference.resolve(ExperimentRunner.FINAL_NETWORK)),
                Files.readAllBytes(killed.resolve(ExperimentRunner.FINAL_NETWORK)));
        assertTrue(Files.exists(killed.resolve(RunResult.FILE)));
    }

    static boolean hasCheckpoint(Path dir) {
        File[] files = dir.toFile().listFiles((d, n) -> n.startsWith("ckpt-") && n.endsWith(".bin"));
        return files != null && files.length > 0;
    }
}
