package sparsedrl.tasks.backend.jvm;

import java.util.Arrays;
import java.util.Set;
import sparsedrl.tasks.backend.Backends;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.UpdateBenchmark;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * Development entry point for profiling the JVM backend from the compiled test classes (not a
 * test): {@code java -cp tornado-tasks/target/classes:tornado-tasks/target/test-classes
 * sparsedrl.tasks.backend.jvm.UpdateBenchmarkMain same|valid [threads] [windows]}.
 * The user-facing command is {@code sparsedrl bench update}.
 */
public final class UpdateBenchmarkMain {
    private UpdateBenchmarkMain() {
    }

    public static void main(String[] args) {
        Padding padding = args.length > 0 && args[0].equals("valid") ? Padding.VALID : Padding.SAME;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        NetworkSpec spec = NetworkSpec.nature(6, padding, Set.of());
        try (Backend backend = Backends.create("jvm", threads)) {
            UpdateBenchmark.Result r = UpdateBenchmark.run(backend, spec,
                    new UpdateBenchmark.Settings(32, 3, windows, 2, 1));
            System.out.printf("%s threads=%d updates/s median %.2f best %.2f windows %s act %.2f ms GFLOP/s %.1f%n",
                    padding, threads, r.updatesPerSecond(), r.bestUpdatesPerSecond(), Arrays.toString(r.windowRates()),
                    r.actLatencyMs(), r.updatesPerSecond() * r.flopsPerUpdate() / 1e9);
        }
    }
}
