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
}
