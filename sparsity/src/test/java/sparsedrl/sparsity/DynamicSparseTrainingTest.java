package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;

/** RigL and SET: start modes, per-step invariants, drop fraction, determinism and resume. */
class DynamicSparseTrainingTest {

    private static final NetworkSpec SPEC = NetworkSpec.minatar(4, 6, Set.of());
    private static final long TOTAL = 100;

    private static SparsityConfig config(MethodKind kind, double start) {
        // Window [start, 0.8] of 100 updates, topology updates every 10.
        return SparsityConfig.defaults().withMethod(kind).withSparsity(0.9).withWindow(start, 0.8)
                .withTopologyUpdateEvery(10);
    }

    @Test
    void riglFromStepZeroKeepsTargetCountsDropsByMagnitudeGrowsByGradient() {
        runAndCheck(MethodKind.RIGL, 0.0);
    }

    @Test
    void riglFromTwentyPercentIsDenseThenPrunesOnceThenUpdates() {
        runAndCheck(MethodKind.RIGL, 0.2);
    }

    @Test
    void setKeepsTheSameInvariantsWithRandomGrowth() {
        runAndCheck(MethodKind.SET, 0.0);
    }

    /**
     * Trains on the test double and checks every step against an independent computation: masks
     * change only on the schedule; after each topology step the kept set is the top round(N d (1-f_t))
     * |w| of the old active set with f_t the cosine, growth fills back to exactly round(N d) (RigL: the
     * top |g| outside the kept set; SET: somewhere outside it), newly grown weights and moments are 0.
     */
    private static void runAndCheck(MethodKind kind, double start) {
        DynamicSparseTraining m = (DynamicSparseTraining) SparsityMethods.create(config(kind, start), SPEC, TOTAL, 11);
        double[] d = m.densities();
        long tStart = Math.round(start * TOTAL);
        FakeQNetwork net = new FakeQNetwork(SPEC, 32, 5);
        m.initialize(net);
        for (int l = 0; l < 3; l++) {
            LayerParams p = net.state().layers.get(l);
            int expected = tStart == 0 ? TopK.keepCount(p.weight.length, d[l]) : p.weight.length;
            assertEquals(expected, p.activeCount(), "initial count, layer " + l);
            assertArrayEquals(p.weight, p.targetWeight, "target starts from the masked online weights");
        }
        assertTrue(Naive.maskedWeightsAreZero(net.state(), true));
        int topologySteps = 0;
        for (long t = 0; t < TOTAL; t++) {
            boolean topology = t > tStart && t <= 80 && (t - tStart) % 10 == 0;
            double f = 0.3 * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, 80) / 80.0));
            assertEquals(f, m.dropFraction(t), 1e-12);
            boolean grows = topology && f > 0;
            assertEquals(kind == MethodKind.RIGL && grows, m.needsDenseGradient(t), "t=" + t);
            net.update(null, 0.99f, m.needsDenseGradient(t));
            if (t % 25 == 0) {
                net.syncTarget();
            }
            float[][] w = new float[3][];
            float[][] g = new float[3][];
            float[][] oldMask = new float[3][];
            for (int l = 0; l < 3; l++) {
                LayerParams p = net.state().layers.get(l);
                w[l] = p.weight.clone();
                g[l] = p.weightGrad.clone();
                oldMask[l] = p.mask.clone();
            }
            m.afterUpdate(net, t);
            topologySteps += grows ? 1 : 0;
            for (int l = 0; l < 3; l++) {
                LayerParams p = net.state().layers.get(l);
                int n = p.weight.length;
                int target = TopK.keepCount(n, d[l]);
                if (t == tStart && tStart > 0) {
                    assertArrayEquals(Naive.maskOf(n, Naive.topK(w[l], i -> true, target)), p.mask,
                            "one-shot magnitude prune at the start, layer " + l);
                } else if (grows) {
                    checkDropAndGrow(kind, p, w[l], g[l], oldMask[l], target, Math.round(n * d[l] * (1 - f)));
                } else {
                    assertArrayEquals(oldMask[l], p.mask, "mask changed off-step at t=" + t + " layer " + l);
                }
                if (t >= tStart) {
                    assertEquals(target, p.activeCount(), "count at t=" + t + " layer " + l);
                }
            }
            assertTrue(Naive.maskedWeightsAreZero(net.state(), false), "t=" + t);
        }
        assertEquals(tStart == 0 ? 7 : 5, topologySteps);
    }

    private static void checkDropAndGrow(MethodKind kind, LayerParams p, float[] w, float[] g, float[] oldMask,
                                         int target, long keepRaw) {
        int n = w.length;
        int keep = (int) Math.min(target, keepRaw);
        List<Integer> kept = Naive.topK(w, i -> oldMask[i] != 0f, keep);
        float[] keptMask = Naive.maskOf(n, kept);
        for (int i : kept) {
            assertEquals(1f, p.mask[i], "kept weight dropped");
        }
        if (kind == MethodKind.RIGL) {
            List<Integer> grown = Naive.topK(g, i -> keptMask[i] == 0f, target - keep);
            float[] expected = keptMask.clone();
            for (int i : grown) {
                expected[i] = 1f;
            }
            assertArrayEquals(expected, p.mask, "RigL mask");
        }
        assertEquals(target, p.activeCount());
        int newlyActive = 0;
        for (int i = 0; i < n; i++) {
            if (p.mask[i] != 0f && oldMask[i] == 0f) {
                newlyActive++;
                assertEquals(0f, p.weight[i], "grown weight starts at 0");
                assertEquals(0f, p.weightM[i], "grown weight's Adam m reset");
                assertEquals(0f, p.weightV[i], "grown weight's Adam v reset");
            } else if (p.mask[i] != 0f) {
                assertEquals(w[i], p.weight[i], "surviving weight unchanged");
            }
        }
        assertTrue(newlyActive <= target - keep);
        assertTrue(target - keep > 0, "a positive drop fraction must drop something in these layers");
    }

    @Test
    void sameSeedSameMasksOtherSeedOtherMasks() {
        float[] a = finalMask(MethodKind.SET, 1);
        assertArrayEquals(a, finalMask(MethodKind.SET, 1));
        assertFalse(Arrays.equals(a, finalMask(MethodKind.SET, 2)));
        assertFalse(Arrays.equals(finalMask(MethodKind.STATIC, 1), finalMask(MethodKind.STATIC, 2)));
    }

    private static float[] finalMask(MethodKind kind, long seed) {
        SparsityMethod m = SparsityMethods.create(config(kind, 0), SPEC, TOTAL, seed);
        FakeQNetwork net = new FakeQNetwork(SPEC, 32, 5);
        m.initialize(net);
        for (long t = 0; t < TOTAL; t++) {
            net.update(null, 0.99f, m.needsDenseGradient(t));
            m.afterUpdate(net, t);
        }
        return net.state().layer("dense1").mask.clone();
    }

    @Test
    void restoredStateResumesTheRandomStreamExactly() {
        SparsityMethod a = SparsityMethods.create(config(MethodKind.SET, 0), SPEC, TOTAL, 9);
        FakeQNetwork netA = new FakeQNetwork(SPEC, 32, 5);
        a.initialize(netA);
        for (long t = 0; t < 35; t++) {
            netA.update(null, 0.99f, false);
            a.afterUpdate(netA, t);
        }
        byte[] saved = a.saveState();
        FakeQNetwork netB = new FakeQNetwork(SPEC, 32, 6);
        Naive.copyState(netA.state(), netB.state());
        FakeQNetwork netC = new FakeQNetwork(SPEC, 32, 6);
        Naive.copyState(netA.state(), netC.state());

        a.afterUpdate(netA, 40);
        SparsityMethod b = SparsityMethods.create(config(MethodKind.SET, 0), SPEC, TOTAL, 9);
        b.restoreState(saved);
        b.afterUpdate(netB, 40);
        assertArrayEquals(netA.state().layer("dense1").mask, netB.state().layer("dense1").mask);
        assertArrayEquals(netA.state().layer("conv1").mask, netB.state().layer("conv1").mask);
        // Control: the same method without the restored stream grows elsewhere.
        SparsityMethod c = SparsityMethods.create(config(MethodKind.SET, 0), SPEC, TOTAL, 9);
        c.afterUpdate(netC, 40);
        assertNotEquals(Arrays.toString(netA.state().layer("dense1").mask),
                Arrays.toString(netC.state().layer("dense1").mask));
    }

    @Test
    void stateOfAnotherMethodIsRefused() {
        byte[] rigl = SparsityMethods.create(config(MethodKind.RIGL, 0), SPEC, TOTAL, 1).saveState();
        SparsityMethod set = SparsityMethods.create(config(MethodKind.SET, 0), SPEC, TOTAL, 1);
        assertThrows(IllegalArgumentException.class, () -> set.restoreState(rigl));
        assertThrows(IllegalArgumentException.class, () -> set.restoreState(new byte[3]));
    }

    @Test
    void staticMaskIsRandomWithExactCountsAndNeverChanges() {
        SparsityMethod m = SparsityMethods.create(config(MethodKind.STATIC, 0.2), SPEC, TOTAL, 4);
        StaticSparse s = assertInstanceOf(StaticSparse.class, m);
        FakeQNetwork net = new FakeQNetwork(SPEC, 32, 5);
        m.initialize(net);
        double[] d = s.densities();
        float[][] initial = new float[3][];
        for (int l = 0; l < 3; l++) {
            LayerParams p = net.state().layers.get(l);
            assertEquals(TopK.keepCount(p.weight.length, d[l]), p.activeCount(), "layer " + l);
            initial[l] = p.mask.clone();
        }
        for (long t = 0; t < TOTAL; t++) {
            assertFalse(m.needsDenseGradient(t));
            net.update(null, 0.99f, false);
            m.afterUpdate(net, t);
        }
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(initial[l], net.state().layers.get(l).mask);
        }
        // A random mask is not the magnitude mask of the initial weights.
        FakeQNetwork fresh = new FakeQNetwork(SPEC, 32, 5);
        LayerParams p = fresh.state().layer("dense1");
        float[] magnitude = Naive.maskOf(p.weight.length,
                Naive.topK(p.weight, i -> true, TopK.keepCount(p.weight.length, d[1])));
        assertFalse(Arrays.equals(magnitude, initial[1]));
    }

    @Test
    void denseNeverTouchesTheNetwork() {
        SparsityMethod m = SparsityMethods.create(SparsityConfig.defaults(), SPEC, TOTAL, 1);
        assertEquals("dense", m.name());
        FakeQNetwork net = new FakeQNetwork(SPEC, 32, 5);
        m.initialize(net);
        for (long t = 0; t < TOTAL; t++) {
            assertFalse(m.needsDenseGradient(t));
            m.afterUpdate(net, t);
        }
        assertEquals(0, net.pulls + net.pushes + net.applyMaskCalls);
        assertEquals(1.0, net.state().density(), 0.0);
    }

    @Test
    void factoryNamesEveryMethod() {
        for (MethodKind k : MethodKind.values()) {
            assertEquals(k.cliName(), SparsityMethods.create(config(k, 0.2), SPEC, TOTAL, 1).name());
        }
        assertNotEquals(0, SparsityMethods.create(config(MethodKind.RIGL, 0.2), SPEC, TOTAL, 1).saveState().length);
    }
}
