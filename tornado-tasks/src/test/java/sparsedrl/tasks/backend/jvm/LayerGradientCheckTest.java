package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.Padding;

/**
 * Backward passes against central finite differences of the forward pass, for every layer kind,
 * both paddings, several strides, with and without bias and ReLU. The probe loss is
 * {@code L = sum(R * out)} for a fixed random R, so dL/dout = R. Every weight, bias and input element
 * is checked: |analytic - numeric| <= 2e-3 + 2e-3 * |analytic| (step 1e-3 on float forward passes;
 * the layers are linear in each checked value away from ReLU kinks, so the numeric derivative is
 * exact up to float rounding). A perturbation that switches any ReLU on or off is not comparable and
 * is skipped; at least half of the elements of each tensor must be checked.
 */
class LayerGradientCheckTest {

    private static final double STEP = 1e-3;
    private static WorkerPool pool;

    @BeforeAll
    static void startPool() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    static Stream<Arguments> layers() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (boolean bias : new boolean[] {true, false}) {
            for (Padding padding : Padding.values()) {
                // odd SAME total pad (low 1, high 2), even pad, stride 1, Nature-like first layer shape
                b.add(Arguments.of(new LayerSpec("c4s2", LayerKind.CONV, 9, 9, 3, 4, 4, 2, padding, bias, true)));
                b.add(Arguments.of(new LayerSpec("c3s1", LayerKind.CONV, 6, 5, 4, 5, 3, 1, padding, bias, true)));
                b.add(Arguments.of(new LayerSpec("c8s4", LayerKind.CONV, 12, 12, 2, 3, 8, 4, padding, bias, true)));
            }
            b.add(Arguments.of(new LayerSpec("dense", LayerKind.DENSE, 1, 1, 11, 7, 1, 1, Padding.VALID, bias, true)));
            b.add(Arguments.of(new LayerSpec("q", LayerKind.DENSE, 1, 1, 9, 3, 1, 1, Padding.VALID, bias, false)));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void backwardMatchesFiniteDifferences(LayerSpec spec) {
        int count = 3;
        SplittableRandom rng = new SplittableRandom(spec.toString().hashCode()); // stable across runs
        JvmLayer layer = spec.kind() == LayerKind.CONV
                ? new ConvLayer(pool, spec, count, true)
                : new DenseLayer(pool, spec, count, true);
        LayerParams p = new LayerParams(spec);
        fill(p.weight, rng, 0.5);
        if (p.bias != null) {
            fill(p.bias, rng, 0.3);
        }
        float[] in = new float[count * spec.inSize()];
        fill(in, rng, 1.0);
        float[] r = new float[count * spec.outSize()];
        fill(r, rng, 1.0);

        float[] out = new float[r.length];
        float[] gradOut = r.clone();
        float[] gradIn = new float[in.length];
        layer.forward(in, p.weight, p.bias, out, count);
        layer.backward(in, out, gradOut, p, gradIn, count);

        Probe probe = () -> {
            float[] o = new float[r.length];
            layer.forward(in, p.weight, p.bias, o, count);
            double sum = 0;
            boolean[] active = new boolean[o.length];
            for (int i = 0; i < o.length; i++) {
                sum += (double) r[i] * o[i];
                active[i] = o[i] > 0f;
            }
            return new double[] {sum, java.util.Arrays.hashCode(active)};
        };
        check(p.weight, p.weightGrad, probe, "weight");
        if (p.bias != null) {
            check(p.bias, p.biasGrad, probe, "bias");
        }
        check(in, gradIn, probe, "input");
    }

    @FunctionalInterface
    interface Probe {
        /** {loss, hash of which outputs are positive}. */
        double[] loss();
    }

    private static void check(float[] values, float[] analytic, Probe probe, String what) {
        double pattern = probe.loss()[1];
        int checked = 0;
        for (int i = 0; i < values.length; i++) {
            float saved = values[i];
            values[i] = (float) (saved + STEP);
            double[] plus = probe.loss();
            values[i] = (float) (saved - STEP);
            double[] minus = probe.loss();
            values[i] = saved;
            if (plus[1] != pattern || minus[1] != pattern) {
                continue; // crossed a ReLU kink
            }
            checked++;
            double numeric = (plus[0] - minus[0]) / (2 * STEP);
            double err = Math.abs(numeric - analytic[i]);
            int at = i;
            assertTrue(err <= 2e-3 + 2e-3 * Math.abs(analytic[i]),
                    () -> what + "[" + at + "]: analytic " + analytic[at] + ", numeric " + numeric);
        }
        int total = values.length;
        int done = checked;
        assertTrue(2 * checked >= total, () -> what + ": only " + done + " of " + total + " elements comparable");
    }

    private static void fill(float[] a, SplittableRandom rng, double scale) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
    }
}
