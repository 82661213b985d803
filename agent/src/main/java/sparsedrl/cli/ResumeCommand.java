package sparsedrl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.agent.run.BackendOpener;
import sparsedrl.agent.run.RunComponents;
import sparsedrl.agent.run.RunDirectory;
import sparsedrl.agent.run.TrainingSession;
import sparsedrl.tasks.backend.Backend;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue an interrupted run from its last complete checkpoint.",
            "The result is bit-identical to a run that was never interrupted. A damaged newest checkpoint",
            "is reported and the previous one is used; with no checkpoint yet the run restarts from its config."})
public final class ResumeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    EmulatorOptions emulator = new EmulatorOptions();

    @Parameters(paramLabel = "RUN_DIR", description = "the run directory given to 'train --out'")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        RunDirectory dir;
        RunConfig cfg;
        try {
            dir = RunDirectory.open(runDir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (dir) {
            cfg = dir.readConfig();
            try (Backend backend = BackendOpener.open(cfg)) {
                return TrainingSession.start(cfg, dir, true, backend, RunComponents.environments(cfg, emulator::applyTo),
                        spec.commandLine().getOut(), System.err);
            }
        }
    }
}
