package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.cli.CliRun;
import sparsedrl.cli.SparseDrl;

/**
 * What killed processes leave behind: temporary files of interrupted atomic writes are removed when
 * the run is resumed (only names the tool writes); a run that diverges (NaN or infinite loss or
 * weights) stops with exit code 1 naming the iteration and keeps its last good checkpoint.
 */
class LeftoversTest {

    private static List<String> train(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--out", out.toString(), "--iterations", "2",
                "--train-steps", "300", "--eval-steps", "50", "--min-replay", "100", "--batch-size", "8",
                "--replay-capacity", "500", "--threads", "1", "--checkpoint-every-steps", "50", "--checkpoint-minutes", "0"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void resumeRemovesTheTemporaryFilesOfKilledWritesAndNothingElse(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("run");
        assertEquals(0, CliRun.of(train(d).toArray(String[]::new)).code());
        // as if killed after its last checkpoint: no result yet, and writes cut short by the kill
        Files.delete(d.resolve(RunResult.FILE));
        List<Path> ours = List.of(d.resolve(".metrics.csv4120938475.tmp"), d.resolve(".result.json77.tmp"),
                d.resolve("checkpoints/.ckpt-00000099.bin.tmp"));
        List<Path> theirs = List.of(d.resolve(".notes.tmp"), d.resolve(".metrics.csv.tmp"),
                d.resolve("checkpoints/.mine.bin.tmp"));
        for (Path p : ours) {
            Files.writeString(p, "half");
        }
        for (Path p : theirs) {
            Files.writeString(p, "keep");
        }
        CliRun r = CliRun.of("resume", d.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("removed 3 unfinished temporary file(s)"), r.err());
        for (Path p : ours) {
            assertFalse(Files.exists(p), p + " is the tool's own leftover");
        }
        for (Path p : theirs) {
            assertEquals("keep", Files.readString(p), p + " is not the tool's");
        }
    }

    @Test
    void aDivergingRunStopsNamingTheIterationAndKeepsItsLastGoodCheckpoint(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("run");
        // a learning rate of 1e30 sends the weights past float range within a few updates (learning starts at step 101)
        CliRun r = CliRun.of(train(d, "--lr", "1e30").toArray(String[]::new));
        assertEquals(SparseDrl.EXIT_FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("training diverged in iteration 1/2 after 1"), r.err());
        assertTrue(r.err().contains(" is NaN") || r.err().contains("Infinity"), r.err());
        assertFalse(Files.exists(d.resolve(RunResult.FILE)));
        List<Path> kept = new CheckpointStore(d.resolve("checkpoints")).checkpoints();
        assertFalse(kept.isEmpty());
        assertTrue(r.err().contains("The last good checkpoint, " + kept.get(0) + ", is kept"), r.err());
        for (Path p : kept) {
            CheckpointStore.verify(p);
        }
    }
}
