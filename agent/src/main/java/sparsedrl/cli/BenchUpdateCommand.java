package sparsedrl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.Backends;
import sparsedrl.sparsity.SparsityDistributions;
import sparsedrl.sparsity.StaticSparse;
import sparsedrl.tasks.backend.SparseThreshold;
import sparsedrl.tasks.backend.UpdateBenchmark;
import sparsedrl.tasks.backend.UpdateTraffic;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Gradient updates per second of a full DQN update (online forward + backward, target forward,",
            "Adam) on random data, median of timed windows after a warm-up, and the batch-1 action latency."})
public final class BenchUpdateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--net", defaultValue = "nature", paramLabel = "NET",
            description = "nature (84x84x4, 6 actions) or minatar (10x10x4, 6 actions) (default ${DEFAULT-VALUE})")
    String net;

    @Option(names = "--padding", defaultValue = "same", paramLabel = "P",
            description = "conv padding of the nature net: same or valid (default ${DEFAULT-VALUE})")
    String padding;

    @Option(names = "--no-bias", description = "build the network without any bias parameter")
    boolean noBias;

    @Option(names = "--backend", defaultValue = "jvm", paramLabel = "B", description = "jvm or tornado (default ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--device", paramLabel = "D:I", description = "TornadoVM device driver:index (default: its first device)")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "JVM backend threads (default 0 = all available processors)")
    int threads;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--warmup-s", defaultValue = "5", paramLabel = "S", description = "untimed warm-up seconds (default ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--windows", defaultValue = "5", paramLabel = "N", description = "timed windows (default ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--window-s", defaultValue = "3", paramLabel = "S", description = "seconds per window (default ${DEFAULT-VALUE})")
    double windowSeconds;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the weights and the random batch (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sparsity", defaultValue = "0", paramLabel = "S",
            description = {"target sparsity in [0, 1): random masks (seeded, exact count per layer); with S > 0 the",
                "same build's dense rate is measured too and the speed-up printed (default ${DEFAULT-VALUE})"})
    double sparsity;

    @Option(names = "--distribution", defaultValue = "erk", paramLabel = "D",
            description = "per-layer densities: erk or uniform (default ${DEFAULT-VALUE})")
    String distribution;

    @Option(names = "--sparse-threshold", paramLabel = "T",
            description = {"layers with mask density below T run over their active weights only (both backends;",
                "0 = always dense; default " + SparseThreshold.DEFAULT + " or the system property "
                    + SparseThreshold.PROPERTY + ")"})
    Double sparseThreshold;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        NetworkSpec network = network();
        if (threads < 0 || batch < 1 || windows < 1 || warmupSeconds < 0 || windowSeconds <= 0) {
            throw new UsageException("--threads must be >= 0, --batch and --windows >= 1, --warmup-s >= 0, --window-s > 0");
        }
        if (!Backends.NAMES.contains(backend)) {
            throw new UsageException("--backend must be one of " + Backends.NAMES + ", got '" + backend + "'");
        }
        if (device != null && !backend.equals("tornado")) {
            throw new UsageException("--device applies to --backend tornado only");
        }
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new UsageException("--sparsity must be in [0, 1), got " + sparsity);
        }
        if (!distribution.equals("erk") && !distribution.equals("uniform")) {
            throw new UsageException("--distribution must be erk or uniform, got '" + distribution + "'");
        }
        if (sparseThreshold != null) {
            if (!(sparseThreshold >= 0)) {
                throw new UsageException("--sparse-threshold must be >= 0, got " + sparseThreshold);
            }
            // Read by either backend when Backends creates it.
            System.setProperty(SparseThreshold.PROPERTY, Double.toString(sparseThreshold));
        }
        double[] densities = distribution.equals("erk")
                ? SparsityDistributions.erk(network.layers(), sparsity)
                : SparsityDistributions.uniform(network.layers(), sparsity);
        int threadCount = threads == 0 ? Backends.defaultThreads() : threads;
        UpdateBenchmark.Settings settings = new UpdateBenchmark.Settings(batch, warmupSeconds, windows, windowSeconds, seed);
        UpdateBenchmark.Result r;
        UpdateBenchmark.Result denseResult = null;
        String deviceName;
        try (Backend b = Backends.create(backend, threadCount, device)) {
            deviceName = b.device();
            r = sparsity == 0 ? UpdateBenchmark.run(b, network, settings)
                    : UpdateBenchmark.run(b, network, settings, net -> new StaticSparse(densities, seed).initialize(net));
            if (sparsity > 0) {
                denseResult = UpdateBenchmark.run(b, network, settings);
            }
        }
        long sparseFlops = UpdateBenchmark.flopsPerUpdate(network, batch, densities);
        double flopBound = (double) r.flopsPerUpdate() / sparseFlops;
        Double speedUp = denseResult == null ? null : r.updatesPerSecond() / denseResult.updatesPerSecond();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("net", net);
        result.put("padding", net.equals("nature") ? padding : "valid");
        result.put("bias", !noBias);
        result.put("backend", backend);
        result.put("device", deviceName);
        result.put("threads", backend.equals("jvm") ? threadCount : null);
        result.put("batch", batch);
        result.put("sparsity", sparsity);
        result.put("distribution", distribution);
        result.put("layer_densities", Arrays.stream(densities).map(v -> round(v, 4)).toArray());
        result.put("sparse_threshold", SparseThreshold.configured());
        result.put("updates_per_s", round(r.updatesPerSecond(), 3));
        result.put("dense_updates_per_s", denseResult == null ? null : round(denseResult.updatesPerSecond(), 3));
        result.put("speedup", speedUp == null ? null : round(speedUp, 3));
        result.put("flop_bound_speedup", round(flopBound, 2));
        result.put("sparse_flops_per_update", sparseFlops);
        result.put("best_updates_per_s", round(r.bestUpdatesPerSecond(), 3));
        result.put("window_updates_per_s", Arrays.stream(r.windowRates()).map(v -> round(v, 3)).toArray());
        result.put("act_latency_ms", round(r.actLatencyMs(), 4));
        result.put("flops_per_update", r.flopsPerUpdate());
        result.put("gflops_per_s", round(r.updatesPerSecond() * r.flopsPerUpdate() / 1e9, 2));
        UpdateTraffic traffic = r.traffic();
        result.put("kernel_launches_per_update", traffic == null ? null : traffic.kernelLaunches());
        result.put("host_to_device_bytes_per_update", traffic == null ? null : traffic.bytesToDevice());
        result.put("device_to_host_bytes_per_update", traffic == null ? null : traffic.bytesToHost());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(result));
        } else {
            out.printf("network          %s, padding %s, %s%n", net, result.get("padding"), noBias ? "no bias" : "bias");
            out.printf("backend          %s%n", backend);
            out.printf("device           %s%n", deviceName);
            out.printf("updates/s        %.2f median, %.2f best of %d windows of %.1f s (batch %d)%n",
                    r.updatesPerSecond(), r.bestUpdatesPerSecond(), windows, windowSeconds, batch);
            out.printf("compute          %.2f GFLOP per dense update, %.1f GFLOP/s dense-equivalent%n",
                    r.flopsPerUpdate() / 1e9, r.updatesPerSecond() * r.flopsPerUpdate() / 1e9);
            if (sparsity > 0) {
                out.printf("sparsity         %.3f %s, layer densities %s, sparse threshold %s%n", sparsity, distribution,
                        Arrays.toString(Arrays.stream(densities).map(v -> round(v, 4)).toArray()),
                        result.get("sparse_threshold"));
                out.printf("dense rate       %.2f updates/s (same build, same settings)%n", denseResult.updatesPerSecond());
                out.printf("speed-up         %.2fx measured, %.2fx FLOP-count bound (%.3f GFLOP per sparse update)%n",
                        speedUp, flopBound, sparseFlops / 1e9);
            }
            if (traffic != null) {
                out.printf("per update       %d kernel launches, %d bytes host->device, %d bytes device->host%n",
                        traffic.kernelLaunches(), traffic.bytesToDevice(), traffic.bytesToHost());
            }
            out.printf("act latency      %.3f ms (batch 1, median)%n", r.actLatencyMs());
        }
        return SparseDrl.EXIT_OK;
    }

    private NetworkSpec network() {
        Padding p = switch (padding) {
            case "same" -> Padding.SAME;
            case "valid" -> Padding.VALID;
            default -> throw new UsageException("--padding must be same or valid, got '" + padding + "'");
        };
        return switch (net) {
            case "nature" -> NetworkSpec.nature(6, p, noBias ? Set.copyOf(NetworkSpec.NATURE_LAYERS) : Set.of());
            case "minatar" -> {
                if (spec.commandLine().getParseResult().hasMatchedOption("--padding")) {
                    throw new UsageException("--padding applies to --net nature only (the minatar net is VALID)");
                }
                yield NetworkSpec.minatar(4, 6, noBias ? Set.copyOf(NetworkSpec.MINATAR_LAYERS) : Set.of());
            }
            default -> throw new UsageException("--net must be nature or minatar, got '" + net + "'");
        };
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
