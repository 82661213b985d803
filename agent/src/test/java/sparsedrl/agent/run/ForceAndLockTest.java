package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.cli.CliRun;
import sparsedrl.cli.SparseDrl;

/**
 * {@code train --force} removes only a run directory the tool created (it holds the marker), and in
 * it only the files a run writes; anything else is refused with exit code 2 and nothing touched. A
 * run directory locked by a training process is never replaced.
 */
class ForceAndLockTest {
    private static final List<String> TINY = List.of("--iterations", "1", "--train-steps", "200", "--eval-steps", "50",
            "--min-replay", "100", "--batch-size", "8", "--replay-capacity", "500", "--threads", "1");

    private static CliRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(TINY);
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void forceLeavesAFolderItDidNotCreateUntouched(@TempDir Path tmp) throws Exception {
        Path x = Files.createDirectories(tmp.resolve("x"));
        Files.createDirectories(x.resolve("sub"));
        Files.writeString(x.resolve("thesis.tex"), "t");
        CliRun r = train(x, "--force");
        assertEquals(SparseDrl.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("only a run directory that sparsedrl created") && r.err().contains("nothing was deleted"),
                r.err());
        assertEquals("t", Files.readString(x.resolve("thesis.tex")));
        assertTrue(Files.isDirectory(x.resolve("sub")));
        try (var s = Files.list(x)) {
            assertEquals(2, s.count(), "nothing was added either");
        }
    }

    @Test
    void forceOnTheWorkingDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("thesis.tex"), "t");
        List<String> args = new ArrayList<>(List.of("train", "--out", ".", "--force"));
        args.addAll(TINY);
        ChildJvm child = ChildJvm.start(tmp.resolve("child.log"), work, Map.of(), args);
        assertEquals(SparseDrl.EXIT_USAGE, child.exitCode(), child.log());
        assertEquals("t", Files.readString(work.resolve("thesis.tex")));
        try (var s = Files.list(work)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void theRootDirectoryIsNeverACandidate() {
        // only the check: a regression here must not reach a delete
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.checkCanCreate(Path.of("/"), true));
        assertTrue(e.getMessage().contains("sparsedrl created"), e.getMessage());
    }

    @Test
    void forceReplacesItsOwnRunDirectoryButNothingElseInIt(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("run");
        assertEquals(0, train(d, "--seed", "1").code());
        assertTrue(Files.isRegularFile(d.resolve(RunDirectory.MARKER)));
        CliRun again = train(d, "--seed", "2", "--force");
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.readString(d.resolve("config.json")).contains("\"seed\" : 2"));

        Files.writeString(d.resolve("notes.txt"), "mine");
        Files.writeString(d.resolve("checkpoints").resolve("best.bin"), "mine too");
        CliRun refused = train(d, "--seed", "3", "--force");
        assertEquals(SparseDrl.EXIT_USAGE, refused.code(), refused.err());
        assertTrue(refused.err().contains("checkpoints/best.bin, notes.txt"), refused.err());
        assertEquals("mine", Files.readString(d.resolve("notes.txt")));
        assertTrue(Files.isRegularFile(d.resolve("result.json")), "the run's files stay too");
        assertTrue(Files.readString(d.resolve("config.json")).contains("\"seed\" : 2"));
    }

    @Test
    void runLikeFilesWithoutTheMarkerAreNotTheToolsToDelete(@TempDir Path tmp) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("copied"));
        Files.writeString(d.resolve("metrics.csv"), "a user's copy");
        CliRun r = train(d, "--force");
        assertEquals(SparseDrl.EXIT_USAGE, r.code(), r.err());
        assertEquals("a user's copy", Files.readString(d.resolve("metrics.csv")));
    }

    @Test
    void aLockedRunDirectoryIsNeverReplaced(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("busy");
        List<String> args = new ArrayList<>(List.of("train", "--out", d.toString(), "--seed", "5",
                "--iterations", "3", "--train-steps", "3000", "--eval-steps", "200", "--min-replay", "100",
                "--batch-size", "8", "--replay-capacity", "500", "--threads", "1", "--checkpoint-every-steps", "300",
                "--checkpoint-minutes", "0"));
        ChildJvm child = ChildJvm.start(tmp.resolve("child.log"), args);
        assertTrue(child.await(() -> ChildJvm.hasCheckpoint(d)), child.log());

        CliRun second = train(d, "--seed", "6", "--force");
        assertEquals(SparseDrl.EXIT_USAGE, second.code(), second.err());
        assertTrue(second.err().contains("in use by another sparsedrl process (pid " + child.process().pid() + ")"),
                second.err());
        assertTrue(Files.readString(d.resolve("config.json")).contains("\"seed\" : 5"));

        // Ctrl-C: the run checkpoints and exits with 3, as for SIGTERM
        child.signal("INT");
        assertEquals(SparseDrl.EXIT_STOPPED, child.exitCode(), child.log());
        assertTrue(child.log().contains("stopped by SIGINT"), child.log());
        assertFalse(Files.exists(d.resolve(RunResult.FILE)));
        assertTrue(Files.readString(d.resolve("config.json")).contains("\"seed\" : 5"));
    }
}
