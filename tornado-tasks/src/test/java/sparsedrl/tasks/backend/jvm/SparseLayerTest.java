package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.Padding;

/**
 * The sparse layers against the dense layers run on the same masked weights (the dense layers are
 * checked against finite differences in LayerGradientCheckTest). For every layer kind, both paddings,
 * strides 1/2/4, bias on/off and several mask densities (including empty columns): output, input
 * gradient, bias gradient and the weight gradient at active positions agree within
 * {@value #TOLERANCE} times (1 + the largest magnitude of the reference tensor), a float-reassociation
 * bound; inactive weight-gradient positions are left untouched.
 */
class SparseLayerTest {

    /** Relative tolerance for sums reassociated in float (the dense path sums in double). */
    static final double TOLERANCE = 2e-5;
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
        for (double density : new double[] {0.02, 0.2, 0.6, 1.0}) {
            for (boolean bias : new boolean[] {true, false}) {
                for (Padding padding : Padding.values()) {
                    b.add(Arguments.of(new LayerSpec("c4s2", LayerKind.CONV, 9, 9, 3, 4, 4, 2, padding, bias, true), density));
                    b.add(Arguments.of(new LayerSpec("c3s1", LayerKind.CONV, 6, 5, 4, 5, 3, 1, padding, bias, true), density));
                    b.add(Arguments.of(new LayerSpec("c8s4", LayerKind.CONV, 12, 12, 2, 3, 8, 4, padding, bias, true), density));
                }
                b.add(Arguments.of(new LayerSpec("dense", LayerKind.DENSE, 1, 1, 37, 19, 1, 1, Padding.VALID, bias, true), density));
                b.add(Arguments.of(new LayerSpec("q", LayerKind.DENSE, 1, 1, 9, 3, 1, 1, Padding.VALID, bias, false), density));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} density {1}")
    @MethodSource("layers")
    void sparseLayerMatchesDenseMaskedLayer(LayerSpec spec, double density) {
        int batchSize = 4;
        int count = 3; // fewer than the buffers hold
        SplittableRandom rng = new SplittableRandom(31L * spec.toString().hashCode() + Double.hashCode(density));
        LayerParams p = new LayerParams(spec);
        for (int i = 0; i < p.weight.length; i++) {
            p.mask[i] = rng.nextDouble() < density ? 1f : 0f;
            p.weight[i] = (float) (rng.nextDouble() * 2 - 1) * p.mask[i];
        }
        if (p.bias != null) {
            for (int i = 0; i < p.bias.length; i++) {
                p.bias[i] = (float) (rng.nextDouble() - 0.5);
            }
        }
        float[] in = random(rng, batchSize * spec.inSize());
        float[] gradOut = random(rng, batchSize * spec.outSize());

        boolean conv = spec.kind() == LayerKind.CONV;
        JvmLayer dense = conv ? new ConvLayer(pool, spec, batchSize, true) : new DenseLayer(pool, spec, batchSize, true);
        SparseLayer sparse = conv ? new SparseConvLayer(pool, spec, batchSize, true) : new SparseDenseLayer(pool, spec, batchSize);
        sparse.use(ActiveIndex.of(p.mask, spec.fanIn(), spec.outC()));

        float[] outD = new float[batchSize * spec.outSize()];
        float[] outS = new float[batchSize * spec.outSize()];
        dense.forward(in, p.weight, p.bias, outD, count);
        sparse.forward(in, p.weight, p.bias, outS, count);
        assertClose("output", outD, outS, count * spec.outSize());

        float[] gD = gradOut.clone();
        float[] gS = gradOut.clone();
        float[] gradInD = new float[batchSize * spec.inSize()];
        float[] gradInS = new float[batchSize * spec.inSize()];
        dense.backward(in, outD, gD, p, gradInD, count);
        float[] weightGradD = p.weightGrad.clone();
        float[] biasGradD = p.biasGrad == null ? null : p.biasGrad.clone();
        Arrays.fill(p.weightGrad, Float.NaN); // sentinel: the sparse path must not touch inactive positions
        sparse.backward(in, outS, gS, p, gradInS, count);
        assertClose("input gradient", gradInD, gradInS, count * spec.inSize());
        if (biasGradD != null) {
            assertClose("bias gradient", biasGradD, p.biasGrad, biasGradD.length);
        }
        double scale = 1 + maxAbs(weightGradD, weightGradD.length);
        for (int i = 0; i < p.weight.length; i++) {
            if (p.mask[i] != 0f) {
                assertTrue(Math.abs(weightGradD[i] - p.weightGrad[i]) <= TOLERANCE * scale,
                        "weight gradient at " + i + ": dense " + weightGradD[i] + " sparse " + p.weightGrad[i]);
            } else {
                assertTrue(Float.isNaN(p.weightGrad[i]), "inactive weight gradient at " + i + " was written");
            }
        }
    }

    @Test
    void indexListsEveryActiveEntryOnceInBothOrders() {
        // mask [3][4]: row 0 {1,3}, row 1 {}, row 2 {0,1,3}
        float[] mask = {0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1};
        ActiveIndex ix = ActiveIndex.of(mask, 3, 4);
        assertEquals(5, ix.active);
        assertEquals(5.0 / 12, ix.density(), 1e-12);
        assertEquals(Arrays.toString(new int[] {0, 2, 2, 5}), Arrays.toString(ix.rowStart));
        assertEquals(Arrays.toString(new int[] {1, 3, 0, 1, 3}), Arrays.toString(ix.rowCol));
        assertEquals(Arrays.toString(new int[] {1, 3, 8, 9, 11}), Arrays.toString(ix.rowFlat));
        assertEquals(Arrays.toString(new int[] {0, 1, 3, 3, 5}), Arrays.toString(ix.colStart));
        assertEquals(Arrays.toString(new int[] {2, 0, 2, 0, 2}), Arrays.toString(ix.colRow));
        assertEquals(Arrays.toString(new int[] {8, 1, 9, 3, 11}), Arrays.toString(ix.colFlat));
    }

    static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }

    static double maxAbs(float[] a, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }

    static void assertClose(String what, float[] expected, float[] actual, int n) {
        double tol = TOLERANCE * (1 + maxAbs(expected, n));
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol,
                    what + " at " + i + ": dense " + expected[i] + " sparse " + actual[i] + " (tolerance " + tol + ")");
        }
    }
}
