package sparsedrl.agent.sweep;

import java.nio.file.Path;
import java.util.List;
import sparsedrl.analysis.runs.RunEntry;

/** The command line that trains or resumes one run (a child process). */
@FunctionalInterface
public interface RunLauncher {

    /**
     * @param configFile train's {@code --config} file with the run's overrides, or null
     * @param state      FRESH (train) or RESUMABLE (resume)
     */
    List<String> command(RunEntry run, Path runDir, Path configFile, RunState state);
}
