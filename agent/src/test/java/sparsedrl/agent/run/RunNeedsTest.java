package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.cli.CliRun;
import sparsedrl.cli.SparseDrl;

/** A run says what memory and disk it needs when it starts, and is refused (exit 2, nothing written) when they are not there. */
class RunNeedsTest {

    @Test
    void theNeedsArePrintedWhenARunStarts(@TempDir Path tmp) {
        CliRun r = CliRun.of("train", "--out", tmp.resolve("run").toString(), "--iterations", "1", "--train-steps", "20",
                "--eval-steps", "0", "--min-replay", "16", "--batch-size", "8", "--replay-capacity", "1000",
                "--threads", "1");
        assertEquals(0, r.code(), r.err());
        // MinAtar Breakout frames are 10 x 10 x 4 channel bytes; a replay entry adds action (1), reward (4) and
        // flags (1): 1,000 x 406 B = 406 kB.
        assertTrue(r.err().contains("this run needs ") && r.err().contains(" of memory (replay buffer 406 kB;"), r.err());
        assertTrue(r.err().contains("of disk for checkpoints in " + tmp.resolve("run")), r.err());
    }

    @Test
    void aReplayBufferTheJvmCannotHoldIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        // twice what this JVM may use, in MinAtar Breakout entries of 406 bytes
        long capacity = Math.min(Integer.MAX_VALUE, 2 * Runtime.getRuntime().maxMemory() / 406);
        CliRun r = CliRun.of("train", "--out", out.toString(), "--replay-capacity", Long.toString(capacity), "--threads", "1");
        assertEquals(SparseDrl.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("of memory (replay buffer") && r.err().contains("lower --replay-capacity"), r.err());
        assertFalse(out.toFile().exists(), "a refused run leaves no run directory behind");
    }

    @Test
    void checkpointsThatDoNotFitTheDiskAreRefused() {
        RunNeeds needs = new RunNeeds(7_062_000_000L, 40_000_000L);
        // 2 kept + 1 being written, 7.102 GB each, and the final network
        assertEquals(3 * 7_102_000_000L + 40_000_000L, needs.diskBytes(0));
        assertEquals(3 * 7_102_000_000L + 40_000_000L - 2 * 7_102_000_000L, needs.diskBytes(2 * 7_102_000_000L),
                "checkpoints already on disk count");
        InsufficientResourcesException e = assertThrows(InsufficientResourcesException.class,
                () -> needs.requireDisk(Path.of("runs/pong"), 0, 20_000_000_000L));
        assertTrue(e.getMessage().contains("21.35 GB of disk in runs/pong") && e.getMessage().contains("20.00 GB free"),
                e.getMessage());
        needs.requireDisk(Path.of("runs/pong"), 0, 21_400_000_000L);
        InsufficientResourcesException m = assertThrows(InsufficientResourcesException.class,
                () -> needs.requireMemory(6_000_000_000L, 64_000_000_000L));
        assertTrue(m.getMessage().contains("7.10 GB of memory") && m.getMessage().contains("-Xmx10g"), m.getMessage());
        assertThrows(InsufficientResourcesException.class, () -> needs.requireMemory(32_000_000_000L, 4_000_000_000L),
                "a heap limit above the machine's memory does not make room");
        needs.requireMemory(9_000_000_000L, 64_000_000_000L);
    }
}
