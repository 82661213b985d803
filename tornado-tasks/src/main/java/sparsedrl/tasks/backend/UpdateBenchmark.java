package sparsedrl.tasks.backend;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;

/**
 * Measures full DQN updates per second (online forward + backward, target forward, Adam) on random
 * data, as the median over timed windows after a warm-up, and the batch-1 action latency.
 */
public final class UpdateBenchmark {

    /** What to measure. */
    public record Settings(int batchSize, double warmupSeconds, int windows, double windowSeconds, long seed) {
        public Settings {
            if (batchSize < 1 || windows < 1 || warmupSeconds < 0 || windowSeconds <= 0) {
                throw new IllegalArgumentException("batch and windows must be >= 1, warm-up >= 0, window > 0");
            }
        }
    }

    /**
     * @param updatesPerSecond median over the windows
     * @param windowRates      updates per second of every window, in order
     * @param actLatencyMs     median time of one batch-1 Q-value computation
     * @param flopsPerUpdate   floating-point operations of one dense update (2 per multiply-add)
     * @param traffic          launches and copies per update on a device backend, else null
     */
    public record Result(double updatesPerSecond, double[] windowRates, double actLatencyMs, long flopsPerUpdate,
                         UpdateTraffic traffic) {
        public double bestUpdatesPerSecond() {
            return Arrays.stream(windowRates).max().orElse(0);
        }
    }

    /** Number of timed batch-1 forward passes for the latency. */
    private static final int LATENCY_SAMPLES = 200;

    private UpdateBenchmark() {
    }

    /**
     * Floating-point operations of one dense update on a batch: forward passes of the online and
     * target networks, the weight gradient of every layer and the input gradient of every layer but
     * the first, each a multiply-add per connection.
     */
    public static long flopsPerUpdate(NetworkSpec spec, int batchSize) {
        long macs = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            macs += l.forwardMacs() * (i == 0 ? 3 : 4);
        }
        return 2 * macs * batchSize;
    }

    /**
     * Floating-point operations of one update when layer {@code i} keeps {@code densities[i]} of its
     * weights and every pass costs in proportion: the FLOP-count bound of a sparse update's speed-up is
     * {@code flopsPerUpdate(spec, b) / flopsPerUpdate(spec, b, densities)}.
     */
    public static long flopsPerUpdate(NetworkSpec spec, int batchSize, double[] densities) {
        double macs = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            macs += l.forwardMacs() * (i == 0 ? 3 : 4) * densities[i];
        }
        return Math.round(2 * macs * batchSize);
    }

    public static Result run(Backend backend, NetworkSpec spec, Settings settings) {
        return run(backend, spec, settings, net -> { });
    }

    /**
     * @param sparsify sets the masks of the freshly initialised network (and pushes them); the target
     *                 network is then synchronised, as training would after its first target update
     */
    public static Result run(Backend backend, NetworkSpec spec, Settings settings, Consumer<QNetwork> sparsify) {
        try (QNetwork net = backend.create(spec, settings.batchSize(), AdamConfig.DOPAMINE, LossKind.MSE)) {
            SplittableRandom rng = new SplittableRandom(settings.seed());
            net.state().initXavier(rng.nextLong());
            net.push();
            sparsify.accept(net);
            net.syncTarget();
            TransitionBatch batch = randomBatch(spec, settings.batchSize(), rng);

            long warmupEnd = System.nanoTime() + (long) (settings.warmupSeconds() * 1e9);
            do {
                net.update(batch, 0.99f, false);
            } while (System.nanoTime() < warmupEnd);

            double[] rates = new double[settings.windows()];
            for (int w = 0; w < rates.length; w++) {
                long start = System.nanoTime();
                long end = start + (long) (settings.windowSeconds() * 1e9);
                int updates = 0;
                long now;
                do {
                    net.update(batch, 0.99f, false);
                    updates++;
                    now = System.nanoTime();
                } while (now < end);
                rates[w] = updates / ((now - start) / 1e9);
            }
            return new Result(median(rates), rates, actLatencyMs(net, spec, batch), flopsPerUpdate(spec,
                    settings.batchSize()), net.updateTraffic());
        }
    }

    private static double actLatencyMs(QNetwork net, NetworkSpec spec, TransitionBatch batch) {
        byte[] state = Arrays.copyOf(batch.states, spec.inputSize());
        float[] q = new float[spec.actions()];
        for (int i = 0; i < LATENCY_SAMPLES / 4; i++) {
            net.qValues(state, 1, q);
        }
        double[] ms = new double[LATENCY_SAMPLES];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            net.qValues(state, 1, q);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(ms);
    }

    private static TransitionBatch randomBatch(NetworkSpec spec, int size, SplittableRandom rng) {
        TransitionBatch batch = new TransitionBatch(size, spec.inputSize());
        int levels = spec.inputScale() == 1f ? 2 : 256; // small games have binary channels
        for (int i = 0; i < batch.states.length; i++) {
            batch.states[i] = (byte) rng.nextInt(levels);
            batch.nextStates[i] = (byte) rng.nextInt(levels);
        }
        for (int i = 0; i < size; i++) {
            batch.actions[i] = rng.nextInt(spec.actions());
            batch.rewards[i] = rng.nextInt(3) - 1;
            batch.terminals[i] = rng.nextDouble() < 0.01 ? 1f : 0f;
        }
        return batch;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
