package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * The Vector-API conv path (matrix products) promises the very floats of the plain kernels: both sum
 * every output in the same order with the same roundings. Checked on every conv layer of the Nature
 * net and of MinAtar, with ReLU-like sparse inputs and gradients, a partial batch and 1 vs 2 threads.
 * (The plain kernels are checked against an independent reference in JvmQNetworkReferenceTest.)
 */
class ConvLayerVectorPathTest {

    @ParameterizedTest
    @EnumSource(Padding.class)
    void vectorPathGivesTheFloatsOfThePlainKernels(Padding padding) {
        assertTrue(VectorSupport.available(), "tests run with --add-modules=jdk.incubator.vector (surefire.argLine)");
        SplittableRandom rng = new SplittableRandom(7);
        for (NetworkSpec net : new NetworkSpec[] {NetworkSpec.nature(6, padding, Set.of()), NetworkSpec.minatar(4, 5, Set.of())}) {
            for (LayerSpec s : net.layers()) {
                if (s.kind() != LayerKind.CONV) {
                    continue;
                }
                compare(s, rng, 5, 3);
            }
        }
    }

    private static void compare(LayerSpec s, SplittableRandom rng, int batch, int count) {
        LayerParams p = new LayerParams(s);
        for (int i = 0; i < p.weight.length; i++) {
            p.weight[i] = (float) (rng.nextDouble() - 0.5);
        }
        for (int i = 0; i < p.bias.length; i++) {
            p.bias[i] = (float) (rng.nextDouble() - 0.5) * 0.1f;
        }
        float[] in = sparse(rng, batch * s.inSize());
        float[] gradOut = sparse(rng, batch * s.outSize());
        for (boolean needsInputGradient : new boolean[] {false, true}) {
            try (WorkerPool one = new WorkerPool(1); WorkerPool two = new WorkerPool(2)) {
                Result plain = run(new ConvLayer(one, s, batch, needsInputGradient, false), s, p, in, gradOut, count,
                        needsInputGradient);
                Result vector = run(new ConvLayer(two, s, batch, needsInputGradient, true), s, p, in, gradOut, count,
                        needsInputGradient);
                assertArrayEquals(plain.out, vector.out, s.name() + " forward");
                assertArrayEquals(plain.weightGrad, vector.weightGrad, s.name() + " weight gradient");
                assertArrayEquals(plain.biasGrad, vector.biasGrad, s.name() + " bias gradient");
                if (needsInputGradient) {
                    assertArrayEquals(plain.gradIn, vector.gradIn, s.name() + " input gradient");
                }
            }
        }
    }

    private record Result(float[] out, float[] weightGrad, float[] biasGrad, float[] gradIn) {
    }

    private static Result run(ConvLayer layer, LayerSpec s, LayerParams p, float[] in, float[] gradOut, int count,
                              boolean needsInputGradient) {
        float[] out = new float[gradOut.length];
        layer.forward(in, p.weight, p.bias, out, count);
        float[] g = gradOut.clone();
        float[] gradIn = needsInputGradient ? new float[in.length] : null;
        layer.backward(in, out, g, p, gradIn, count);
        return new Result(out, p.weightGrad.clone(), p.biasGrad.clone(), gradIn);
    }

    /** About half zeros, as after a ReLU. */
    private static float[] sparse(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextBoolean() ? 0f : (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
