package sparsedrl.sparsity;

import java.util.Set;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * Host-side cost of one mask change on the Nature net (4.05M weights, ERK): a pruning mask step and
 * a RigL drop-and-grow step, on the test double (so backend pull/push cost is not included). Run:
 * {@code java -cp tornado-tasks/target/classes:sparsity/target/classes:sparsity/target/test-classes
 * sparsedrl.sparsity.MaskUpdateBenchmark [sparsity] [repeats]}.
 */
public final class MaskUpdateBenchmark {

    private MaskUpdateBenchmark() {
    }

    public static void main(String[] args) {
        double s = args.length > 0 ? Double.parseDouble(args[0]) : 0.9;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        NetworkSpec spec = NetworkSpec.nature(6, Padding.SAME, Set.of());
        FakeQNetwork riglNet = new FakeQNetwork(spec, 32, 1);
        FakeQNetwork pruneNet = new FakeQNetwork(spec, 32, 1);
        SparsityConfig base = SparsityConfig.defaults().withSparsity(s).withWindow(0, 0.8);
        SparsityMethod prune = SparsityMethods.create(base.withMethod(MethodKind.PRUNE), spec, 1_000_000, 1);
        SparsityMethod rigl = SparsityMethods.create(base.withMethod(MethodKind.RIGL), spec, 1_000_000, 1);
        rigl.initialize(riglNet);
        prune.initialize(pruneNet);
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            rigl.afterUpdate(riglNet, 5_000L * (r + 1));
            long t1 = System.nanoTime();
            prune.afterUpdate(pruneNet, 1_000L * (r + 1));
            long t2 = System.nanoTime();
            System.out.printf("repeat %d: rigl drop+grow %.1f ms (sparsity %.4f), prune mask step %.1f ms "
                    + "(sparsity %.4f)%n", r, (t1 - t0) / 1e6, 1 - riglNet.state().density(), (t2 - t1) / 1e6,
                    1 - pruneNet.state().density());
        }
    }
}
