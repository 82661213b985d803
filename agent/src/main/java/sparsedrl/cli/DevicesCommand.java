package sparsedrl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sparsedrl.tasks.backend.tornado.TornadoDevices;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the TornadoVM devices usable with --backend tornado --device DRIVER:DEVICE.")
public final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path sdk = TornadoDevices.sdkHome();
        if (sdk == null) {
            err.println("sparsedrl: no TornadoVM SDK found (TORNADOVM_HOME is "
                    + (System.getenv("TORNADOVM_HOME") == null ? "unset" : "'" + System.getenv("TORNADOVM_HOME") + "', without bin/tornado") + ").");
            err.println("sparsedrl: the JVM backend (the default) needs none. For --backend tornado, install a TornadoVM SDK");
            err.println("sparsedrl: (https://github.com/beehive-lab/TornadoVM, e.g. a 'make BACKEND=opencl' build or a release");
            err.println("sparsedrl: archive) and set TORNADOVM_HOME to it, or put it under /opt/tornadovm*; see README, 'TornadoVM'.");
            return SparseDrl.EXIT_FAILURE;
        }
        List<TornadoDevices.Device> devices = TornadoDevices.list(sdk);
        out.printf("TornadoVM devices (%s):%n", sdk);
        out.printf("  %-8s %-8s %-10s %s%n", "--device", "driver", "memory", "device");
        for (TornadoDevices.Device d : devices) {
            out.printf("  %-8s %-8s %-10s %s%s%n", d.id(), d.driver(), d.memory(), d.description(),
                    d.isDefault() ? "  (default)" : "");
        }
        TornadoDevices.Device first = devices.stream().filter(TornadoDevices.Device::isDefault).findFirst().orElse(devices.get(0));
        out.printf("Use: sparsedrl train --backend tornado --device %s ...%n", first.id());
        out.flush();
        return SparseDrl.EXIT_OK;
    }
}
