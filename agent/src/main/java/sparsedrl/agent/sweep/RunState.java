package sparsedrl.agent.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import sparsedrl.agent.run.CheckpointStore;

/** Where a run stands on disk, which decides whether the sweep skips, resumes or starts it. */
public enum RunState {
    /** {@code result.json} present: nothing to do. */
    FINISHED,
    /** a complete checkpoint exists: {@code sparsedrl resume}. */
    RESUMABLE,
    /** nothing usable: {@code sparsedrl train} (with --force, over any leftovers of a failed start). */
    FRESH;

    public static RunState of(Path runDir) {
        if (Files.isRegularFile(runDir.resolve("result.json"))) {
            return FINISHED;
        }
        try {
            // Only complete checkpoints count: a half-written one cannot be resumed.
            if (!new CheckpointStore(runDir.resolve("checkpoints")).checkpoints().isEmpty()) {
                return RESUMABLE;
            }
        } catch (IOException e) {
            return FRESH;
        }
        return FRESH;
    }
}
