package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;

class GradualMagnitudePruningTest {

    private static final NetworkSpec SPEC = NetworkSpec.minatar(4, 6, Set.of());

    @Test
    void maskStepsRunFromStartToEndEveryPeriodPlusTheEnd() {
        GradualMagnitudePruning p = new GradualMagnitudePruning(new double[] {0.1, 0.1, 0.1}, 10, 50, 15, 0);
        for (long t = 0; t < 70; t++) {
            boolean expected = t == 10 || t == 25 || t == 40 || t == 50;
            assertEquals(expected, p.isMaskStep(t), "t=" + t);
            assertFalse(p.needsDenseGradient(t));
        }
    }

    @Test
    void maskIsExactlyTheTopKByMagnitudeWithTiesToTheLowerIndexAndFreezesAfterTheEnd() {
        // 100 updates, prune between 20 and 60, masks every 10 updates, ERK at 0.9.
        SparsityConfig cfg = SparsityConfig.defaults().withMethod(MethodKind.PRUNE).withSparsity(0.9)
                .withWindow(0.2, 0.6).withMaskUpdateEvery(10);
        SparsityMethod m = SparsityMethods.create(cfg, SPEC, 100, 3);
        GradualMagnitudePruning prune = assertInstanceOf(GradualMagnitudePruning.class, m);
        double[] finalDensity = prune.densities();
        FakeQNetwork net = new FakeQNetwork(SPEC, 32, 3);
        m.initialize(net);
        assertEquals(0.0, SparsityMetrics.columns(net.state()).get("sparsity"), 0.0, "starts dense");
        for (long t = 0; t < 100; t++) {
            net.update(null, 0.99f, m.needsDenseGradient(t));
            // Quantise active weights to multiples of 0.02 (never to 0) so many magnitudes tie exactly.
            for (LayerParams p : net.state().layers) {
                for (int i = 0; i < p.weight.length; i++) {
                    if (p.weight[i] != 0f) {
                        p.weight[i] = Math.copySign(Math.max(1, Math.round(Math.abs(p.weight[i]) * 50f)) / 50f,
                                p.weight[i]);
                    }
                }
            }
            float[][] before = new float[3][];
            float[][] oldMask = new float[3][];
            for (int l = 0; l < 3; l++) {
                before[l] = net.state().layers.get(l).weight.clone();
                oldMask[l] = net.state().layers.get(l).mask.clone();
            }
            int pulls = net.pulls;
            m.afterUpdate(net, t);
            boolean step = t >= 20 && t <= 60 && t % 10 == 0;
            for (int l = 0; l < 3; l++) {
                LayerParams p = net.state().layers.get(l);
                if (!step) {
                    assertArrayEquals(oldMask[l], p.mask, "mask changed off-step at t=" + t);
                    continue;
                }
                // Independent schedule: p = (t + 1 - 20) / 40, s = s_F (1 - (1 - p)^3).
                double prog = Math.min(t + 1 - 20, 40) / 40.0;
                double s = (1 - finalDensity[l]) * (1 - Math.pow(1 - prog, 3));
                int k = (int) Math.max(1, Math.round(p.weight.length * (1 - s)));
                float[] w = before[l];
                float[] expected = Naive.maskOf(w.length, Naive.topK(w, i -> true, k));
                assertArrayEquals(expected, p.mask, "layer " + l + " t=" + t);
                for (int i = 0; i < w.length; i++) {
                    assertTrue(oldMask[l][i] != 0f || p.mask[i] == 0f, "a pruned weight came back");
                }
            }
            if (t > 60) {
                assertEquals(pulls, net.pulls, "frozen: no pull after the end");
            }
            assertTrue(Naive.maskedWeightsAreZero(net.state(), false), "t=" + t);
        }
        for (int l = 0; l < 3; l++) {
            LayerParams p = net.state().layers.get(l);
            assertEquals(TopK.keepCount(p.weight.length, finalDensity[l]), p.activeCount(), "final count");
        }
    }

    @Test
    void anEmptyWindowIsRefused() {
        SparsityConfig cfg = SparsityConfig.defaults().withMethod(MethodKind.PRUNE);
        assertThrows(IllegalArgumentException.class, () -> SparsityMethods.create(cfg, SPEC, 0, 1));
    }
}
