package sparsedrl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Download the ale-py wheel with pip, verify every ROM's md5, write them to the ROM folder.")
public final class RomsInstallCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("install is not available yet");
    }
}
