package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;
import sparsedrl.tasks.net.Padding;

/**
 * The JVM backend (multi-threaded, float) against {@link ReferenceQNetwork} (single-threaded,
 * double) on random networks and batches. Tolerances: loss within 1e-4 relative; every gradient
 * within 1e-3 of the layer's largest reference gradient; every updated weight within
 * 1e-3 * learning rate + 1e-7 of the reference; Q-values and activation means within 1e-4 relative
 * to the layer's largest value. Float accumulation over at most a few thousand terms stays far
 * inside these bounds, while a wrong index, pad or formula breaks them by orders of magnitude.
 */
class JvmQNetworkReferenceTest {

    private static final AdamConfig ADAM = new AdamConfig(1e-3f, 0.9f, 0.999f, 1.5e-4f);
    private static final Set<String> ALL_BIAS = Set.of();

    /** A small net with an odd SAME pad (low 1, high 2), a VALID conv and two dense layers. */
    static NetworkSpec oddNet(Set<String> noBias) {
        return new NetworkSpec.Builder("odd", 9, 9, 3, 1f / 255f, noBias)
                .conv("conv1", 4, 4, 2, Padding.SAME)
                .conv("conv2", 5, 3, 1, Padding.VALID)
                .dense("dense1", 7, true)
                .dense("q", 3, false)
                .build();
    }

    static Stream<Arguments> networks() {
        Set<String> none = Set.copyOf(NetworkSpec.NATURE_LAYERS);
        return Stream.of(
                Arguments.of(oddNet(ALL_BIAS), 5, LossKind.MSE),
                Arguments.of(oddNet(Set.of("conv1", "conv2", "dense1", "q")), 5, LossKind.HUBER),
                Arguments.of(oddNet(Set.of("conv2")), 3, LossKind.MSE),
                Arguments.of(NetworkSpec.minatar(4, 6, ALL_BIAS), 6, LossKind.HUBER),
                Arguments.of(NetworkSpec.minatar(7, 6, Set.copyOf(NetworkSpec.MINATAR_LAYERS)), 4, LossKind.MSE),
                Arguments.of(NetworkSpec.nature(6, Padding.SAME, ALL_BIAS), 2, LossKind.MSE),
                Arguments.of(NetworkSpec.nature(4, Padding.VALID, none), 2, LossKind.HUBER));
    }

    @ParameterizedTest(name = "{0} batch {1} {2}")
    @MethodSource("networks")
    void oneUpdateMatchesTheReference(NetworkSpec spec, int batchSize, LossKind loss) {
        SplittableRandom rng = new SplittableRandom(spec.name().hashCode() * 31L + batchSize);
        try (JvmBackend backend = new JvmBackend(3); QNetwork net = backend.create(spec, batchSize, ADAM, loss)) {
            randomise(net.state(), rng);
            TransitionBatch batch = randomBatch(spec, batchSize, rng);
            ReferenceQNetwork.Update expected = new ReferenceQNetwork(spec).update(net.state(), batch, 0.99, loss, ADAM);

            float actual = net.update(batch, 0.99f, true);

            assertEquals(expected.loss(), actual, 1e-4 * Math.max(1, Math.abs(expected.loss())), "loss");
            for (int l = 0; l < spec.layers().size(); l++) {
                LayerParams p = net.state().layers.get(l);
                String name = spec.layers().get(l).name();
                assertClose(expected.weightGrad()[l], p.weightGrad, 1e-3 * maxAbs(expected.weightGrad()[l]) + 1e-9,
                        name + " weight gradient");
                assertClose(expected.newWeight()[l], p.weight, 1e-3 * ADAM.learningRate() + 1e-7, name + " weight");
                if (p.bias != null) {
                    assertClose(expected.biasGrad()[l], p.biasGrad, 1e-3 * maxAbs(expected.biasGrad()[l]) + 1e-9,
                            name + " bias gradient");
                    assertClose(expected.newBias()[l], p.bias, 1e-3 * ADAM.learningRate() + 1e-7, name + " bias");
                }
                for (int i = 0; i < p.mask.length; i++) {
                    if (p.mask[i] == 0f) {
                        assertEquals(0f, p.weight[i], 0f, name + " masked weight " + i);
                    }
                }
            }
            assertEquals(1, net.state().adamStep, "one Adam step taken");
        }
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("networks")
    void qValuesAndActivationMeansMatchTheReference(NetworkSpec spec, int batchSize, LossKind loss) {
        SplittableRandom rng = new SplittableRandom(7 + batchSize);
        try (JvmBackend backend = new JvmBackend(2); QNetwork net = backend.create(spec, batchSize, ADAM, loss)) {
            randomise(net.state(), rng);
            int count = batchSize * 2 + 1; // more than one batch: exercises the chunked means
            byte[] states = randomBytes(count * spec.inputSize(), rng);
            ReferenceQNetwork ref = new ReferenceQNetwork(spec);
            double[][] w = weights(net.state(), false);
            double[][] b = weights(net.state(), true);
            double[][] acts = ref.forward(states, count, w, b);

            float[] q = new float[batchSize * spec.actions()];
            byte[] first = java.util.Arrays.copyOf(states, batchSize * spec.inputSize());
            net.qValues(first, batchSize, q);
            double[] qRef = java.util.Arrays.copyOf(acts[spec.layers().size() - 1], batchSize * spec.actions());
            assertClose(qRef, q, 1e-4 * maxAbs(qRef) + 1e-7, "Q-values");

            List<sparsedrl.tasks.net.LayerSpec> hidden = spec.hiddenLayers();
            float[][] means = new float[hidden.size()][];
            for (int h = 0; h < hidden.size(); h++) {
                means[h] = new float[hidden.get(h).outC()];
            }
            net.unitActivationMeans(states, count, means);
            for (int h = 0; h < hidden.size(); h++) {
                int l = spec.layers().indexOf(hidden.get(h));
                int c = hidden.get(h).outC();
                double[] expected = new double[c];
                for (int i = 0; i < acts[l].length; i++) {
                    expected[i % c] += Math.abs(acts[l][i]) / (acts[l].length / c);
                }
                assertClose(expected, means[h], 1e-4 * maxAbs(expected) + 1e-9, hidden.get(h).name() + " means");
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        NetworkSpec spec = NetworkSpec.minatar(6, 6, ALL_BIAS);
        float[][] weights = new float[2][];
        float[] losses = new float[2];
        int[] threads = {1, 3};
        for (int run = 0; run < 2; run++) {
            SplittableRandom rng = new SplittableRandom(99);
            try (JvmBackend backend = new JvmBackend(threads[run]);
                 QNetwork net = backend.create(spec, 8, ADAM, LossKind.HUBER)) {
                randomise(net.state(), rng);
                for (int step = 0; step < 3; step++) {
                    losses[run] += net.update(randomBatch(spec, 8, rng), 0.99f, false);
                }
                weights[run] = net.state().layer("dense1").weight.clone();
            }
        }
        assertEquals(losses[0], losses[1], 0f);
        assertArrayEquals(weights[0], weights[1]);
    }

    /** Random weights, non-zero biases, a different target net, some masked weights and Adam history. */
    static void randomise(NetworkState state, SplittableRandom rng) {
        state.initXavier(rng.nextLong());
        for (LayerParams p : state.layers) {
            for (int i = 0; i < p.weight.length; i++) {
                p.targetWeight[i] = p.weight[i] * (float) (0.5 + rng.nextDouble());
                p.mask[i] = rng.nextDouble() < 0.2 ? 0f : 1f;
                p.weight[i] *= p.mask[i];
            }
            if (p.bias != null) {
                for (int i = 0; i < p.bias.length; i++) {
                    p.bias[i] = (float) (rng.nextDouble() * 0.2 - 0.05);
                    p.targetBias[i] = (float) (rng.nextDouble() * 0.2 - 0.05);
                }
            }
        }
    }

    static TransitionBatch randomBatch(NetworkSpec spec, int size, SplittableRandom rng) {
        TransitionBatch batch = new TransitionBatch(size, spec.inputSize());
        byte[] s = randomBytes(size * spec.inputSize(), rng);
        byte[] s2 = randomBytes(size * spec.inputSize(), rng);
        System.arraycopy(s, 0, batch.states, 0, s.length);
        System.arraycopy(s2, 0, batch.nextStates, 0, s2.length);
        for (int i = 0; i < size; i++) {
            batch.actions[i] = rng.nextInt(spec.actions());
            batch.rewards[i] = rng.nextInt(3) - 1;
            batch.terminals[i] = rng.nextDouble() < 0.3 ? 1f : 0f;
        }
        return batch;
    }

    static byte[] randomBytes(int n, SplittableRandom rng) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rng.nextInt(256);
        }
        return b;
    }

    private static double[][] weights(NetworkState state, boolean bias) {
        double[][] out = new double[state.layers.size()][];
        for (int l = 0; l < out.length; l++) {
            float[] a = bias ? state.layers.get(l).bias : state.layers.get(l).weight;
            if (a != null) {
                out[l] = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    out[l][i] = a[i];
                }
            }
        }
        return out;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        double w = worst;
        int i = at;
        assertTrue(worst <= tolerance, () -> what + ": largest difference " + w + " at " + i + " (expected "
                + expected[i] + ", got " + actual[i] + ", tolerance " + tolerance + ")");
    }
}
