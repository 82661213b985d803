package sparsedrl.agent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateTest {

    @Test
    void decidesFromResultAndCompleteCheckpoints(@TempDir Path run) throws Exception {
        assertEquals(RunState.FRESH, RunState.of(run.resolve("absent")));
        Files.createDirectories(run.resolve("checkpoints"));
        Files.writeString(run.resolve("checkpoints/.ckpt-00000001.bin.tmp"), "half");
        assertEquals(RunState.FRESH, RunState.of(run), "a half-written checkpoint cannot be resumed");
        Files.writeString(run.resolve("checkpoints/ckpt-00000001.bin"), "x");
        assertEquals(RunState.RESUMABLE, RunState.of(run));
        Files.writeString(run.resolve("result.json"), "{}");
        assertEquals(RunState.FINISHED, RunState.of(run));
    }
}
