package sparsedrl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Aggregate runs into statistics with confidence intervals and the paper's figures.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("analyze is not available yet");
    }
}
