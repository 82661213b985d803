package sparsedrl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Gradient updates per second of a full DQN update (batch 32) and batch-1 action latency.")
public final class BenchUpdateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("update is not available yet");
    }
}
