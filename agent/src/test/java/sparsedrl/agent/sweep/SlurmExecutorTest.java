package sparsedrl.agent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmExecutorTest {

    @Test
    void arraySpecCompressesRangesAndAddsTheLimit() {
        assertEquals("0-3,5,7-9%2", SlurmExecutor.arraySpec(List.of(9, 0, 1, 2, 3, 5, 7, 8), 2));
        assertEquals("4", SlurmExecutor.arraySpec(List.of(4), 0));
    }

    @Test
    void scriptHasTheArrayRequeueResourcesAndTheTaskCommand(@TempDir Path dir) throws Exception {
        SlurmExecutor ex = new SlurmExecutor(List.of("/opt/java/bin/java", "-cp", "/a b/app.jar", "sparsedrl.cli.SparseDrl"));
        Path script = ex.writeScript(dir, "fig1", List.of(0, 1, 2, 4),
                new SlurmOptions("01:00:00", "4G", 2, 1, 3, "gpu", List.of("--account=abc"), 300));
        String s = Files.readString(script);
        assertTrue(s.startsWith("#!/bin/bash\n"));
        for (String line : List.of("#SBATCH --array=0-2,4%3", "#SBATCH --requeue", "#SBATCH --time=01:00:00",
                "#SBATCH --mem=4G", "#SBATCH --cpus-per-task=2", "#SBATCH --gres=gpu:1", "#SBATCH --partition=gpu",
                "#SBATCH --account=abc")) {
            assertTrue(s.contains(line + "\n"), line + " in\n" + s);
        }
        assertTrue(s.contains("'/a b/app.jar' sparsedrl.cli.SparseDrl sweep run-task " + dir.toAbsolutePath()
                + " \"$SLURM_ARRAY_TASK_ID\""), s);
    }
}
