package sparsedrl.agent.devicecheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import sparsedrl.tasks.backend.tornado.TornadoDevices;

/** The software a device check ran on: sparsedrl, the JVM, the OS, and the TornadoVM SDK's release file. */
public final class Versions {

    private Versions() {
    }

    public static ObjectNode collect() {
        ObjectNode v = CheckReport.JSON.createObjectNode();
        String own = Versions.class.getPackage().getImplementationVersion();
        v.put("sparsedrl", own == null ? "dev" : own);
        v.put("java", System.getProperty("java.runtime.version"));
        v.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        v.put("java_vendor", System.getProperty("java.vendor"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        v.put("host_cores", Runtime.getRuntime().availableProcessors());
        v.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Path sdk = TornadoDevices.sdkHome();
        if (sdk != null) {
            v.put("tornadovm_home", sdk.toString());
            // etc/tornado.release: version=..., branch=..., commit=...
            try {
                v.set("tornadovm", HostInfo.read(sdk.resolve("etc").resolve("tornado.release")));
            } catch (IOException e) {
                v.put("tornadovm", "unknown (" + e.getMessage() + ")");
            }
        }
        return v;
    }
}
