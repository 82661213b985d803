package sparsedrl.tasks.backend.tornado;

import java.util.ArrayList;
import java.util.List;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.SparseThreshold;
import sparsedrl.tasks.net.NetworkSpec;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * The {@code tornado} backend: Q-networks whose kernels TornadoVM JIT-compiles for one device
 * (OpenCL, PTX or SPIR-V), with weights, masks and Adam state resident on that device.
 *
 * <p>Only loaded when this backend is chosen (by name, reflectively), so the JVM backend never
 * needs TornadoVM at run time. It must run under TornadoVM's launcher ({@code tornado}, which the
 * {@code sparsedrl} launcher uses for {@code --backend tornado}).
 */
public final class TornadoBackend implements Backend {

    private final DeviceId id;
    private final TornadoDevice device;
    private final double sparseThreshold;

    /**
     * TornadoVM settings this backend needs, applied unless the user set them (-D on the command
     * line). They are read when TornadoVM's classes initialise, so they are set before the runtime
     * is first touched ({@link #runtime()}). The update graph of a network has a few dozen tasks, more than TornadoVM's
     * default bytecode buffer (4096 bytes) holds; and a kernel TornadoVM cannot compile must fail
     * instead of running as plain Java on the host ("bailout"), which would look like a working
     * device at a fraction of its speed.
     */
    static final String[][] TORNADO_DEFAULTS = {
        {"tornado.tvm.maxbytecodesize", "262144"},
        {"tornado.recover.bailout", "False"},
    };

    /**
     * @param device "DRIVER:DEVICE" as {@code sparsedrl devices} lists it; null or blank: 0:0. The sparse
     *               threshold comes from {@link SparseThreshold#configured()}.
     */
    public TornadoBackend(String device) {
        this(device, SparseThreshold.configured());
    }

    /** @param sparseThreshold mask density below which a layer runs sparse (0 = always dense) */
    public TornadoBackend(String device, double sparseThreshold) {
        this.sparseThreshold = SparseThreshold.require(sparseThreshold);
        this.id = DeviceId.parse(device);
        this.device = resolve(id);
    }

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public String device() {
        return "tornado " + id + " " + describe(device);
    }

    @Override
    public QNetwork create(NetworkSpec spec, int batchSize, AdamConfig adam, LossKind loss) {
        return new TornadoQNetwork(spec, batchSize, adam, loss, device, sparseThreshold);
    }

    @Override
    public void close() {
        // Device buffers belong to the networks (closed with them); the runtime is process-wide.
    }

    /** Every device the TornadoVM runtime sees, as "DRIVER:DEVICE" ids. */
    public static List<DeviceId> availableDevices() {
        TornadoRuntime rt = runtime();
        List<DeviceId> ids = new ArrayList<>();
        for (int d = 0; d < rt.getNumBackends(); d++) {
            for (int i = 0; i < rt.getBackend(d).getNumDevices(); i++) {
                ids.add(new DeviceId(d, i));
            }
        }
        return ids;
    }

    private static TornadoDevice resolve(DeviceId id) {
        List<DeviceId> all = availableDevices();
        if (!all.contains(id)) {
            throw new IllegalArgumentException("no TornadoVM device " + id + "; available: " + all
                    + " (see 'sparsedrl devices')");
        }
        return runtime().getBackend(id.driver()).getDevice(id.device());
    }

    private static TornadoRuntime runtime() {
        for (String[] kv : TORNADO_DEFAULTS) {
            if (System.getProperty(kv[0]) == null) {
                System.setProperty(kv[0], kv[1]);
            }
        }
        try {
            return TornadoRuntimeProvider.getTornadoRuntime();
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalStateException("the TornadoVM runtime is not available in this JVM (" + e
                    + "); run through TornadoVM's 'tornado' launcher, as './sparsedrl ... --backend tornado' does", e);
        }
    }

    private static String describe(TornadoDevice d) {
        // getDescription() names the physical device ("<name> <type> (available)"); getDeviceName() is only an id.
        return "(" + d.getPlatformName().strip() + ": " + d.getDescription().strip() + ")";
    }
}
