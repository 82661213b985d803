package sparsedrl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the TornadoVM devices usable with --backend tornado --device DRIVER:DEVICE.")
public final class DevicesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("devices is not available yet");
    }
}
