package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * The Vector-API dense path: its weight gradient is the very floats of the plain kernel (same order,
 * float sums); forward and input gradient sum in float where the plain kernels sum in double, so
 * both are checked against sums computed here in double, within float rounding of the sum of |terms|.
 */
class DenseLayerVectorPathTest {
    /** A float sum of n terms is within about n * 2^-24 of the exact sum, relative to sum |terms|. */
    private static final double REL = 1e-4;

    @Test
    void vectorPathMatchesDoubleSumsAndThePlainWeightGradient() {
        assertTrue(VectorSupport.available(), "tests run with --add-modules=jdk.incubator.vector (surefire.argLine)");
        SplittableRandom rng = new SplittableRandom(11);
        for (NetworkSpec net : new NetworkSpec[] {NetworkSpec.nature(6, Padding.VALID, Set.of()),
                NetworkSpec.minatar(4, 5, Set.of())}) {
            for (LayerSpec s : net.layers()) {
                if (s.kind() == LayerKind.DENSE) {
                    check(s, rng, 7, 5);
                }
            }
        }
    }

    private static void check(LayerSpec s, SplittableRandom rng, int batch, int count) {
        int inN = s.inC();
        int outN = s.outC();
        LayerParams p = new LayerParams(s);
        for (int i = 0; i < p.weight.length; i++) {
            p.weight[i] = (float) (rng.nextDouble() - 0.5);
        }
        float[] in = sparse(rng, batch * inN);
        float[] gradOut = sparse(rng, batch * outN);
        try (WorkerPool two = new WorkerPool(2); WorkerPool one = new WorkerPool(1)) {
            DenseLayer vector = new DenseLayer(two, s, batch, true, true);
            DenseLayer plain = new DenseLayer(one, s, batch, true, false);
            float[] out = new float[batch * outN];
            vector.forward(in, p.weight, p.bias, out, count);
            for (int b = 0; b < count; b++) {
                for (int o = 0; o < outN; o++) {
                    double sum = p.bias == null ? 0 : p.bias[o];
                    double abs = Math.abs(sum);
                    for (int i = 0; i < inN; i++) {
                        double t = (double) in[b * inN + i] * p.weight[i * outN + o];
                        sum += t;
                        abs += Math.abs(t);
                    }
                    double expected = s.relu() ? Math.max(0, sum) : sum;
                    assertClose(expected, out[b * outN + o], abs, s.name() + " forward");
                }
            }
            float[] g = gradOut.clone();
            float[] gradIn = new float[batch * inN];
            vector.backward(in, out, g, p, gradIn, count);
            float[] vectorWeightGrad = p.weightGrad.clone();
            for (int b = 0; b < count; b++) {
                for (int i = 0; i < inN; i++) {
                    double sum = 0;
                    double abs = 0;
                    for (int o = 0; o < outN; o++) {
                        double t = (double) g[b * outN + o] * p.weight[i * outN + o];
                        sum += t;
                        abs += Math.abs(t);
                    }
                    assertClose(sum, gradIn[b * inN + i], abs, s.name() + " input gradient");
                }
            }
            float[] plainOut = new float[batch * outN];
            plain.forward(in, p.weight, p.bias, plainOut, count);
            // the same pre-activation gradient for both (the ReLU mask of the vector output)
            float[] g2 = gradOut.clone();
            plain.backward(in, out, g2, p, new float[batch * inN], count);
            assertArrayEquals(p.weightGrad, vectorWeightGrad, s.name() + " weight gradient");
        }
    }

    /** The vector tiles must stay in registers once compiled: no boxed vectors on the heap. */
    @Test
    void vectorPathsDoNotAllocateOnceCompiled() {
        NetworkSpec net = NetworkSpec.minatar(4, 5, Set.of());
        LayerSpec convSpec = net.layers().get(0);
        LayerSpec denseSpec = net.layers().get(1);
        int batch = 8;
        SplittableRandom rng = new SplittableRandom(5);
        LayerParams cp = new LayerParams(convSpec);
        LayerParams dp = new LayerParams(denseSpec);
        float[] x = sparse(rng, batch * convSpec.inSize());
        float[] h = new float[batch * convSpec.outSize()];
        float[] gh = new float[h.length];
        float[] y = new float[batch * denseSpec.outSize()];
        float[] gy = sparse(rng, y.length);
        for (int i = 0; i < cp.weight.length; i++) {
            cp.weight[i] = (float) (rng.nextDouble() - 0.5);
        }
        for (int i = 0; i < dp.weight.length; i++) {
            dp.weight[i] = (float) (rng.nextDouble() - 0.5) * 0.1f;
        }
        try (WorkerPool pool = new WorkerPool(1)) {
            ConvLayer conv = new ConvLayer(pool, convSpec, batch, false, true);
            DenseLayer dense = new DenseLayer(pool, denseSpec, batch, true, true);
            long bytes = AllocationWindows.quietest(() -> {
                for (int i = 0; i < 1500; i++) {
                    conv.forward(x, cp.weight, cp.bias, h, batch);
                    dense.forward(h, dp.weight, dp.bias, y, batch);
                    dense.backward(h, y, gy, dp, gh, batch);
                    conv.backward(x, h, gh, cp, null, batch);
                }
            }, 1024, Duration.ofSeconds(60));
            assertTrue(bytes < 1024, () -> "allocated " + bytes + " bytes in 1500 steps");
        }
    }

    private static void assertClose(double expected, float actual, double scale, String what) {
        assertTrue(Math.abs(expected - actual) <= REL * scale + 1e-30,
                () -> what + ": expected " + expected + ", got " + actual + " (scale " + scale + ")");
    }

    private static float[] sparse(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextBoolean() ? 0f : (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
