package sparsedrl.tasks.backend.jvm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.SplittableRandom;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * Development entry point (not a test): single-threaded updates per second of thread CPU time, an
 * estimate of the idle-machine rate of one core on a machine shared with other load.
 */
public final class CpuTimeProfileMain {
    private CpuTimeProfileMain() {
    }

    public static void main(String[] args) {
        Padding padding = args.length > 0 && args[0].equals("valid") ? Padding.VALID : Padding.SAME;
        NetworkSpec spec = NetworkSpec.nature(6, padding, Set.of());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (JvmBackend backend = new JvmBackend(1);
             QNetwork net = backend.create(spec, 32, AdamConfig.DOPAMINE, LossKind.MSE)) {
            net.state().initXavier(1);
            TransitionBatch batch = JvmQNetworkReferenceTest.randomBatch(spec, 32, new SplittableRandom(2));
            for (int i = 0; i < 25; i++) {
                net.update(batch, 0.99f, false);
            }
            double best = 0;
            for (int rep = 0; rep < 4; rep++) {
                long c0 = mx.getCurrentThreadCpuTime();
                int n = 3;
                for (int i = 0; i < n; i++) {
                    net.update(batch, 0.99f, false);
                }
                double s = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                best = Math.max(best, n / s);
            }
            System.out.printf("%s: %.2f updates per CPU-second (1 thread)%n", padding, best);
        }
    }
}
