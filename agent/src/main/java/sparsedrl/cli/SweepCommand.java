package sparsedrl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a grid of experiments locally or as a Slurm job array.")
public final class SweepCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("sweep is not available yet");
    }
}
