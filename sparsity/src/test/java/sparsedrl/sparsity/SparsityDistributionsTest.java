package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

class SparsityDistributionsTest {

    private static final NetworkSpec NATURE = NetworkSpec.nature(6, Padding.SAME, Set.of());

    @Test
    void erkMatchesTheSpecTableForTheNatureNetAt98Percent() {
        // SPEC.md section 5: conv1 0.942, conv2 0.971, conv3 0.967, dense1 0.981, output 0 (dense).
        // Those numbers are per-layer sparsities (1 - density); the output layer is dense.
        double[] d = SparsityDistributions.erk(NATURE.layers(), 0.98);
        double[] specSparsity = {0.942, 0.971, 0.967, 0.981, 0.0};
        for (int i = 0; i < d.length; i++) {
            assertEquals(specSparsity[i], 1 - d[i], 0.002, NATURE.layers().get(i).name());
        }
        assertEquals(1.0, d[4], 0.0, "output layer must be exactly dense");
    }

    @Test
    void erkKeepsExactlyTheTargetNumberOfWeights() {
        for (double s : new double[] {0.8, 0.9, 0.95, 0.98}) {
            double[] d = SparsityDistributions.erk(NATURE.layers(), s);
            double kept = 0;
            for (int i = 0; i < d.length; i++) {
                assertTrue(d[i] > 0 && d[i] <= 1, "density in (0, 1]");
                kept += d[i] * NATURE.layers().get(i).weightCount();
            }
            assertEquals((1 - s) * 4_045_824, kept, 1e-6 * 4_045_824);
        }
    }

    @Test
    void erkMarksEveryLayerWhoseRawDensityWouldExceedOneAsDense() {
        // Two tiny layers (raw 0.5 and 0.375) and a big one (raw 0.02): at 50% sparsity the solution
        // without dense layers would push the tiny layers above density 1.
        List<LayerSpec> layers = List.of(
                dense("a", 4, 4), dense("b", 4, 8), dense("c", 100, 100));
        double[] d = SparsityDistributions.erk(layers, 0.5);
        assertEquals(1.0, d[0], 0.0);
        assertEquals(1.0, d[1], 0.0);
        // Remaining: 0.5 * (16 + 32 + 10000) = 5024 kept, 48 of them in the dense layers.
        assertEquals((5024.0 - 48.0) / 10000.0, d[2], 1e-12);
    }

    @Test
    void erkAtZeroSparsityIsDenseEverywhere() {
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, SparsityDistributions.erk(NATURE.layers(), 0.0), 1e-12);
    }

    @Test
    void uniformGivesEveryKernelTheTarget() {
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.1},
                SparsityDistributions.uniform(NATURE.layers(), 0.9), 1e-12);
        assertArrayEquals(SparsityDistributions.uniform(NATURE.layers(), 0.9),
                Distribution.UNIFORM.densities(NATURE, 0.9), 0.0);
    }

    private static LayerSpec dense(String name, int in, int out) {
        return new LayerSpec(name, LayerKind.DENSE, 1, 1, in, out, 1, 1, Padding.VALID, true, true);
    }
}
