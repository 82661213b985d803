package sparsedrl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.agent.run.BackendOpener;
import sparsedrl.agent.run.InsufficientResourcesException;
import sparsedrl.agent.run.RunComponents;
import sparsedrl.agent.run.RunDirectory;
import sparsedrl.agent.run.StopSignals;
import sparsedrl.agent.run.TrainingSession;
import sparsedrl.tasks.backend.Backend;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue an interrupted run from its last complete checkpoint.",
            "The result is bit-identical to a run that was never interrupted. A damaged newest checkpoint",
            "is reported and the previous one is used; with no checkpoint yet the run restarts from its config.",
            "SIGTERM or SIGINT: the run finishes its current step, writes a checkpoint and exits with 3."})
public final class ResumeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    EmulatorOptions emulator = new EmulatorOptions();

    @Parameters(paramLabel = "RUN_DIR", description = "the run directory given to 'train --out'")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        try (StopSignals stop = StopSignals.forTraining(System.err)) {
            RunDirectory dir;
            try {
                dir = RunDirectory.open(runDir, System.err);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            try (dir) {
                RunConfig cfg = dir.readConfig();
                try (Backend backend = BackendOpener.open(cfg)) {
                    return SparseDrl.exitCode(TrainingSession.start(cfg, runDir, true, backend,
                            RunComponents.environments(cfg, emulator::applyTo), () -> dir, stop,
                            spec.commandLine().getOut(), System.err));
                }
            } catch (InsufficientResourcesException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }
}
