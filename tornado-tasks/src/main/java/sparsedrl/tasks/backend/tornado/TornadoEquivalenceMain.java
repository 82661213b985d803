package sparsedrl.tasks.backend.tornado;

import java.util.List;
import java.util.Set;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.Backends;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.UpdateTraffic;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;
import sparsedrl.tasks.net.Padding;

/**
 * The TornadoVM equivalence checks, run inside a JVM started by TornadoVM's launcher (see
 * {@link TornadoBackendEquivalenceTest}). For each case: the JVM backend and the TornadoVM backend
 * run the same seeded {@link ProbeWorkload} (random inputs, masks at 50% sparsity, several updates
 * with a target sync, the last keeping the dense gradient); losses, Q-values, activation means and
 * every state array must agree within {@link ProbeComparison}'s tolerance, masked weights must be
 * exactly zero on the device, and push/pull must round-trip the state exactly. Exits 1 on any
 * mismatch, printing every compared quantity.
 */
public final class TornadoEquivalenceMain {

    public static final String PASSED = "TORNADO EQUIVALENCE PASSED";
    private static final int UPDATES = 5;

    /** {@code changedSparsity}: masks re-drawn at this sparsity after the first update (NaN: never). */
    private record Case(String name, NetworkSpec spec, LossKind loss, int batch, float gamma, double sparsity,
                        double changedSparsity) {
    }

    private TornadoEquivalenceMain() {
    }

    /** {@code DRIVER:DEVICE} (default 0:0); exit code 0 when every check passed, else 1. */
    public static void main(String[] args) {
        System.exit(run(args.length > 0 ? args[0] : "0:0") == 0 ? 0 : 1);
    }

    /**
     * Runs every check on TornadoVM device {@code device} ("DRIVER:DEVICE") in this JVM, which must
     * run under TornadoVM's launcher with {@code -Dtornado.recover.bailout=False}; prints each
     * compared quantity and finally {@link #PASSED} or the number of problems, which it returns.
     * With {@code -Dtornado.printKernel=true -Dtornado.print.kernel.dir=FILE} (TornadoVM's own
     * options, which append every generated kernel to FILE) it also checks that no kernel uses
     * {@code double} ({@link KernelSources}).
     */
    public static int run(String device) {
        if (!"false".equalsIgnoreCase(System.getProperty("tornado.recover.bailout"))) {
            System.out.println("FAIL: run with -Dtornado.recover.bailout=False, else a kernel TornadoVM cannot compile runs on the JVM unnoticed");
            return 1;
        }
        int failures = 0;
        try (Backend jvm = Backends.create("jvm", 2); Backend tornado = new TornadoBackend(device)) {
            System.out.println("device: " + tornado.device());
            for (Case c : cases()) {
                failures += check(c, jvm, tornado);
            }
            failures += checkPushPull(tornado);
            failures += checkSparseModes(tornado);
            failures += checkTraffic(tornado);
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            failures++;
        }
        failures += KernelSources.checkFloatOnly(Boolean.getBoolean("tornado.printKernel")
                ? System.getProperty("tornado.print.kernel.dir") : null);
        System.out.println(failures == 0 ? PASSED : "TORNADO EQUIVALENCE FAILED: " + failures + " problem(s)");
        return failures;
    }

    private static List<Case> cases() {
        NetworkSpec strided = new NetworkSpec.Builder("strided", 13, 13, 4, 1f / 255f, Set.of())
                .conv("conv1", 8, 4, 2, Padding.VALID)
                .conv("conv2", 8, 3, 1, Padding.SAME)
                .dense("dense1", 32, true)
                .dense("q", 4, false)
                .build();
        // Stride-2 convolutions after the first layer, so that their input gradients run: 3x3 SAME
        // (taps per stride phase 2 or 1) and 4x4 VALID (2 per phase).
        NetworkSpec phases = phasesNet(Set.of());
        NetworkSpec phasesNoBias = phasesNet(Set.of("conv1", "conv2", "conv3", "dense1", "q"));
        // Between them: uint8 and 0/1 inputs, SAME and VALID padding, stride 1 and 2, conv and dense,
        // with and without biases, MSE and Huber.
        NetworkSpec minatarNoBias = NetworkSpec.minatar(7, 6, Set.copyOf(NetworkSpec.MINATAR_LAYERS));
        // Masks at 50% keep every layer above the sparse threshold (0.3 density): dense kernels.
        // At 90% and 95% the sparse kernels run on both backends, and the mask changes exercise
        // new lists on the device, target lists from the target's own non-zeros until the sync,
        // and (50% -> 95%) rebuilding the graphs when layers cross the threshold. The last update
        // keeps the dense weight gradient, as RigL's grow steps do.
        return List.of(
                new Case("uint8 input, SAME + VALID, stride 2, bias, MSE", strided, LossKind.MSE, 8, 0.99f, 0.5,
                        Double.NaN),
                new Case("stride 2 after the first layer (SAME 3x3, VALID 4x4), bias, MSE", phases, LossKind.MSE, 8,
                        0.99f, 0.5, Double.NaN),
                new Case("stride 2 after the first layer, no bias, Huber", phasesNoBias, LossKind.HUBER, 8, 0.99f, 0.5,
                        Double.NaN),
                // gamma 0.9: the device graphs, built for 0.99, are rebuilt on the first update (state kept).
                new Case("minatar (0/1 input, VALID), no bias, Huber, gamma 0.9", minatarNoBias, LossKind.HUBER, 32,
                        0.9f, 0.5, Double.NaN),
                new Case("sparse 90%, masks re-drawn at 90% (uint8, SAME + VALID, bias)", strided, LossKind.MSE, 8,
                        0.99f, 0.9, 0.9),
                new Case("sparse 90% with stride 2 after the first layer, no bias", phasesNoBias, LossKind.MSE, 8,
                        0.99f, 0.9, 0.9),
                new Case("50% then 95%: layers turn sparse (minatar, no bias, Huber)", minatarNoBias, LossKind.HUBER,
                        32, 0.99f, 0.5, 0.95));
    }

    /** Stride-2 convolutions after the first layer (so that their input gradients run): 3x3 SAME, 4x4 VALID. */
    private static NetworkSpec phasesNet(Set<String> noBiasLayers) {
        return new NetworkSpec.Builder("phases", 13, 13, 4, 1f / 255f, noBiasLayers)
                .conv("conv1", 8, 3, 1, Padding.SAME)
                .conv("conv2", 8, 3, 2, Padding.SAME)
                .conv("conv3", 8, 4, 2, Padding.VALID)
                .dense("dense1", 16, true)
                .dense("q", 5, false)
                .build();
    }

    private static int check(Case c, Backend jvm, Backend tornado) {
        System.out.println("== " + c.name() + " (" + c.spec().weightCount() + " weights, batch " + c.batch() + ", "
                + UPDATES + " updates)");
        ProbeWorkload w = new ProbeWorkload(c.spec(), c.batch(), 7, c.sparsity(), c.gamma(), c.changedSparsity());
        ProbeResult ref = ProbeRunner.run("jvm", jvm, w, UPDATES, c.loss());
        ProbeResult got = ProbeRunner.run("tornado", tornado, w, UPDATES, c.loss());
        int failures = 0;
        for (ProbeComparison.Line line : ProbeComparison.compare(ref, got)) {
            System.out.println("  " + line);
            failures += line.ok() ? 0 : 1;
        }
        for (String v : ProbeComparison.maskViolations(got)) {
            System.out.println("  MASK VIOLATION on the device: " + v);
            failures++;
        }
        // The workload must move the weights, or agreement would prove nothing.
        double moved = ProbeComparison.maxWeightDiff(ref, new ProbeResult("init", null, null, null, null,
                ProbeResult.snapshot(w.initialState()), 0, 0));
        if (!(moved > 0)) {
            System.out.println("  FAIL: the updates did not change any weight on the JVM backend");
            failures++;
        }
        return failures;
    }

    /**
     * The sparse cases above would also pass on dense kernels: check that a push decides each layer's
     * mode from its mask density (threshold 0.3) both ways, and that the network still computes after.
     */
    private static int checkSparseModes(Backend tornado) {
        System.out.println("== sparse modes follow the masks");
        ProbeWorkload w = new ProbeWorkload(NetworkSpec.minatar(4, 6, Set.of()), 32, 13, 0.95, 0.99f);
        int failures = 0;
        try (QNetwork net = tornado.create(w.spec, w.batchSize, AdamConfig.DOPAMINE, LossKind.MSE)) {
            TornadoQNetwork device = (TornadoQNetwork) net;
            int layers = w.spec.layers().size();
            ProbeWorkload.copyState(w.initialState(), net.state());
            net.push();
            for (int i = 0; i < layers; i++) {
                failures += expectMode(device, i, true);
            }
            net.update(w.batch(0), w.gamma, false);
            net.state().layers.forEach(p -> java.util.Arrays.fill(p.mask, 1f));
            net.push();
            for (int i = 0; i < layers; i++) {
                failures += expectMode(device, i, false);
            }
            float loss = net.update(w.batch(1), w.gamma, false);
            if (!Float.isFinite(loss)) {
                System.out.println("  FAIL: loss " + loss + " after switching back to dense kernels");
                failures++;
            }
        }
        System.out.println("  " + (failures == 0 ? "ok" : failures + " wrong"));
        return failures;
    }

    /**
     * The per-update copies the backend reports (their payload) must be at most what TornadoVM's
     * profiler counts for an update; both are printed.
     */
    private static int checkTraffic(Backend tornado) {
        System.out.println("== traffic per update");
        ProbeWorkload w = new ProbeWorkload(NetworkSpec.minatar(4, 6, Set.of()), 32, 17, 0.5, 0.99f);
        try (QNetwork net = tornado.create(w.spec, w.batchSize, AdamConfig.DOPAMINE, LossKind.MSE)) {
            ProbeWorkload.copyState(w.initialState(), net.state());
            net.push();
            net.update(w.batch(0), w.gamma, false); // compiles the update graph
            long[] measured = ((TornadoQNetwork) net).profiledUpdateCopies(w.batch(1), w.gamma);
            UpdateTraffic t = net.updateTraffic();
            // TornadoVM counts more than the payload (16 more bytes per array copied out, measured), so
            // the payload must be a lower bound of what it counts.
            boolean ok = t.kernelLaunches() > 0 && t.bytesToDevice() > 0 && t.bytesToDevice() <= measured[0]
                    && t.bytesToHost() > 0 && t.bytesToHost() <= measured[1];
            System.out.println("  " + t + ", profiler: " + measured[0] + " bytes in, " + measured[1] + " bytes out "
                    + (ok ? "ok" : "MISMATCH"));
            return ok ? 0 : 1;
        }
    }

    private static int expectMode(TornadoQNetwork net, int layer, boolean sparse) {
        if (net.isSparse(layer) == sparse) {
            return 0;
        }
        System.out.println("  FAIL: layer " + layer + " runs " + (sparse ? "dense" : "sparse") + ", expected "
                + (sparse ? "sparse" : "dense"));
        return 1;
    }

    /** push() then pull() must give back exactly what the host held, for every array. */
    private static int checkPushPull(Backend tornado) {
        System.out.println("== push/pull round trip");
        ProbeWorkload w = new ProbeWorkload(NetworkSpec.minatar(4, 6, Set.of()), 32, 11, 0.3, 0.99f);
        try (QNetwork net = tornado.create(w.spec, w.batchSize, AdamConfig.DOPAMINE, LossKind.MSE)) {
            NetworkState expected = w.initialState();
            expected.layers.forEach(p -> {
                for (int i = 0; i < p.weightV.length; i++) {
                    p.weightM[i] = p.weight[i] * 0.5f;
                    p.weightV[i] = p.weight[i] * p.weight[i];
                    p.weightGrad[i] = -p.weight[i];
                }
            });
            ProbeWorkload.copyState(expected, net.state());
            net.push();
            ProbeWorkload.copyState(new NetworkState(w.spec), net.state());
            net.pull();
            int failures = 0;
            var want = ProbeResult.snapshot(expected);
            var have = ProbeResult.snapshot(net.state());
            for (var e : want.entrySet()) {
                if (!java.util.Arrays.equals(e.getValue(), have.get(e.getKey()))) {
                    System.out.println("  MISMATCH after push/pull: " + e.getKey());
                    failures++;
                }
            }
            System.out.println("  " + want.size() + " arrays " + (failures == 0 ? "identical" : "differ"));
            return failures;
        }
    }
}
