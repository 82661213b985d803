package sparsedrl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Agent steps per second (with preprocessing) and raw emulator frames per second.")
public final class BenchEnvCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("env is not available yet");
    }
}
