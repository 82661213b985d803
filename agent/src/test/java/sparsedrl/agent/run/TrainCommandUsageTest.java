package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sparsedrl.cli.SparseDrl;

/** Bad input to train/resume: a clear message, exit code 2, nothing created or overwritten. */
class TrainCommandUsageTest {

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = SparseDrl.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), err.toString());
    }

    private static void assertUsage(String fragment, String... args) {
        Run r = run(args);
        assertEquals(SparseDrl.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains(fragment), "expected '" + fragment + "' in: " + r.err());
    }

    @Test
    void badFlagsExitWithTwoAndCreateNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        String o = out.toString();
        assertUsage("--sparsity", "train", "--method", "rigl", "--sparsity", "1.0", "--out", o);
        assertUsage("--sparsity", "train", "--method", "prune", "--sparsity", "-0.5", "--out", o);
        assertUsage("unknown MinAtar game", "train", "--env", "minatar:tetris", "--out", o);
        assertUsage("unknown environment family", "train", "--env", "nes:mario", "--out", o);
        assertUsage("--train-steps", "train", "--train-steps", "-10", "--out", o);
        assertUsage("--eval-steps", "train", "--eval-steps", "-1", "--out", o);
        assertUsage("--frames", "train", "--frames", "-100", "--out", o);
        assertUsage("--backend", "train", "--backend", "cuda", "--out", o);
        assertFalse(Files.exists(out));
    }

    @Test
    void existingRunDirectoryNeedsForce(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("run"));
        Path precious = Files.writeString(out.resolve("metrics.csv"), "keep me");
        assertUsage("--force", "train", "--out", out.toString());
        assertEquals("keep me", Files.readString(precious));
    }

    @Test
    void unwritableOutputIsAUsageError(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertUsage("cannot create run directory", "train", "--out", file.resolve("run").toString());
    }

    @Test
    void configFileErrorsAreUsageErrors(@TempDir Path tmp) throws Exception {
        Path cfg = Files.writeString(tmp.resolve("c.json"), "{\"gama\": 0.9}");
        assertUsage("unknown config key 'gama'", "train", "--config", cfg.toString(), "--out", tmp.resolve("r").toString());
        Path broken = Files.writeString(tmp.resolve("b.json"), "{\"gamma\": ");
        assertUsage("not valid JSON", "train", "--config", broken.toString(), "--out", tmp.resolve("r").toString());
        assertUsage("cannot read config file", "train", "--config", tmp.resolve("none.json").toString());
    }

    @Test
    void resumeNeedsARunDirectory(@TempDir Path tmp) throws Exception {
        assertUsage("not a run directory", "resume", tmp.toString());
        Files.writeString(tmp.resolve("config.json"), "{}");
        Files.writeString(tmp.resolve("result.json"), "{}");
        assertUsage("already finished", "resume", tmp.toString());
    }

    /** Flags that make a run short, so that a regression that accepts the bad value fails fast instead of training. */
    private static final String[] SHORT = {"--iterations", "1", "--train-steps", "20", "--eval-steps", "0",
        "--min-replay", "16", "--batch-size", "8", "--replay-capacity", "100", "--threads", "1"};

    private static String[] shortRun(Path out, String... more) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("train", "--out", out.toString()));
        a.addAll(java.util.List.of(SHORT));
        a.addAll(java.util.List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void zeroFramesIsNotUnset(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        assertUsage("--frames must be positive", "train", "--frames", "0", "--iterations", "1", "--train-steps", "20",
                "--out", out.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void nonFiniteNumbersAreRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        assertUsage("--learning-rate must be a finite number", shortRun(out, "--lr", "Infinity"));
        assertUsage("--adam-epsilon must be a finite number", shortRun(out, "--adam-epsilon", "Infinity"));
        assertUsage("--checkpoint-minutes must be a finite number", shortRun(out, "--checkpoint-minutes", "Infinity"));
        assertUsage("--sticky-actions must be a finite number", shortRun(out, "--sticky-actions", "NaN"));
        Path cfg = Files.writeString(tmp.resolve("c.json"), "{\"learningRate\": \"Infinity\"}");
        assertUsage("--learning-rate must be a finite number", shortRun(out, "--config", cfg.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void aFractionForACountIsRefusedNotTruncated(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Path cfg = Files.writeString(tmp.resolve("c.json"), "{\"batchSize\": 32.7}");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(shortRun(out, "--config", cfg.toString())));
        args.removeAll(java.util.List.of("--batch-size", "8")); // the file's value must be the one that counts
        assertUsage("bad config value for 'batchSize'", args.toArray(String[]::new));
        Path frames = Files.writeString(tmp.resolve("f.json"), "{\"trainSteps\": 20.5, \"frames\": 100}");
        assertUsage("bad config value for 'trainSteps'", "train", "--config", frames.toString(), "--out", out.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void aConfigPathThatNeverEndsIsRefused(@TempDir Path tmp) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        Path out = tmp.resolve("run");
        assertUsage("config file /dev/zero is larger than 1 MiB", shortRun(out, "--config", "/dev/zero"));
        assertUsage("cannot read config file", shortRun(out, "--config", tmp.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void aSparsityTargetWithTheDenseMethodIsRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        assertUsage("--method dense trains every weight", shortRun(out, "--method", "dense", "--sparsity", "0.9"));
        assertUsage("--method dense trains every weight", shortRun(out, "--sparsity", "0.9"));
        assertFalse(Files.exists(out));
    }
}
