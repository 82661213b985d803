package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparsedrl.tasks.backend.ActiveLists;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * Full DQN updates of a masked network: a backend that runs every layer sparse (threshold above 1)
 * against one that runs every layer dense (threshold 0), from the same weights, masks and batches.
 * Losses and weights agree within {@value #TOLERANCE} (relative to 1 + the largest |value|) over
 * several updates and a mask change; with {@code keepDenseGradient} the weight gradient is the dense
 * one at inactive positions too (RigL grow steps), otherwise it is 0 there.
 */
class SparseNetworkUpdateTest {

    static final double TOLERANCE = 1e-4;

    /** A small net with both paddings' shapes of the Nature net: strides 4, 2, 1 and two dense layers. */
    static NetworkSpec smallNet(Padding padding, boolean bias) {
        NetworkSpec.Builder b = new NetworkSpec.Builder("small", 36, 36, 2, 1f / 255f,
                bias ? Set.of() : Set.of("conv1", "conv2", "conv3", "dense1", "q"));
        b.conv("conv1", 8, 8, 4, padding);
        b.conv("conv2", 8, 4, 2, padding);
        b.conv("conv3", 8, 3, 1, padding);
        b.dense("dense1", 24, true);
        b.dense("q", 4, false);
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SAME bias", "VALID bias", "SAME nobias"})
    void sparseUpdatesMatchDenseMaskedUpdates(String config) {
        Padding padding = config.startsWith("SAME") ? Padding.SAME : Padding.VALID;
        NetworkSpec spec = smallNet(padding, !config.endsWith("nobias"));
        int batch = 5;
        try (JvmBackend sparseBackend = new JvmBackend(2, 1.01);
             JvmBackend denseBackend = new JvmBackend(2, 0);
             QNetwork sparse = sparseBackend.create(spec, batch, AdamConfig.DOPAMINE, LossKind.MSE);
             QNetwork dense = denseBackend.create(spec, batch, AdamConfig.DOPAMINE, LossKind.MSE)) {
            SplittableRandom rng = new SplittableRandom(7);
            sparse.state().initXavier(11);
            dense.state().initXavier(11);
            randomMasks(sparse, dense, rng, 0.3);
            assertTrue(((JvmQNetwork) sparse).isSparse(0) && !((JvmQNetwork) dense).isSparse(0));

            for (int step = 0; step < 6; step++) {
                if (step == 2) {
                    sparse.syncTarget(); // target copies the masked weights: sparse target forward from here
                    dense.syncTarget();
                }
                if (step == 3) {
                    randomMasks(sparse, dense, rng, 0.15); // a mask change re-indexes the active sets
                }
                TransitionBatch b = randomBatch(spec, batch, rng);
                boolean keepDense = step == 4;
                float lossS = sparse.update(b, 0.99f, keepDense);
                float lossD = dense.update(b, 0.99f, keepDense);
                assertEquals(lossD, lossS, TOLERANCE * (1 + Math.abs(lossD)), "loss at step " + step);
                for (int l = 0; l < spec.layers().size(); l++) {
                    LayerParams ps = sparse.state().layers.get(l);
                    LayerParams pd = dense.state().layers.get(l);
                    SparseLayerTest.assertClose("weights of layer " + l + " step " + step, pd.weight, ps.weight,
                            pd.weight.length);
                    if (pd.bias != null) {
                        SparseLayerTest.assertClose("bias of layer " + l, pd.bias, ps.bias, pd.bias.length);
                    }
                    boolean sawInactiveGradient = false;
                    double tol = TOLERANCE * (1 + SparseLayerTest.maxAbs(pd.weightGrad, pd.weightGrad.length));
                    for (int i = 0; i < pd.weightGrad.length; i++) {
                        if (pd.mask[i] != 0f || keepDense) {
                            assertTrue(Math.abs(pd.weightGrad[i] - ps.weightGrad[i]) <= tol,
                                    "gradient of layer " + l + " at " + i + " step " + step);
                            sawInactiveGradient |= pd.mask[i] == 0f && pd.weightGrad[i] != 0f;
                        } else {
                            assertEquals(0f, ps.weightGrad[i], "inactive gradient of layer " + l + " step " + step);
                        }
                    }
                    if (keepDense) {
                        assertTrue(sawInactiveGradient, "dense gradient kept at inactive positions of layer " + l);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(doubles = {0.25, 0.35})
    void thresholdDecidesPerLayerFromMaskDensity(double threshold) {
        NetworkSpec spec = smallNet(Padding.SAME, true);
        try (JvmBackend backend = new JvmBackend(1, threshold);
             QNetwork net = backend.create(spec, 2, AdamConfig.DOPAMINE, LossKind.MSE)) {
            for (int l = 0; l < spec.layers().size(); l++) {
                assertFalse(((JvmQNetwork) net).isSparse(l), "all-ones masks run dense");
            }
            float[] mask = net.state().layers.get(1).mask;
            for (int i = 0; i < mask.length; i++) {
                mask[i] = i % 10 < 3 ? 1f : 0f; // density 0.3
            }
            net.push();
            assertEquals(threshold > 0.3, ((JvmQNetwork) net).isSparse(1));
            assertFalse(((JvmQNetwork) net).isSparse(0));
        }
    }

    /**
     * A resumed run rebuilds the target's active sets from the non-zeros of its kernels (push), an
     * uninterrupted one gets them at the sync: both must compute the same. Here dense1's mask (density
     * 0.55) is above the threshold 0.5 but its non-zeros are not, as when RigL or SET grew weights that
     * are still exactly 0: the target must run the kernel its non-zeros call for after a sync too.
     */
    @Test
    void targetAfterASyncComputesAsAfterARestore() {
        NetworkSpec spec = smallNet(Padding.SAME, true);
        int dense1 = 3;
        int batch = 5;
        try (JvmBackend backend = new JvmBackend(1, 0.5);
             QNetwork synced = backend.create(spec, batch, AdamConfig.DOPAMINE, LossKind.MSE);
             QNetwork restored = backend.create(spec, batch, AdamConfig.DOPAMINE, LossKind.MSE)) {
            SplittableRandom rng = new SplittableRandom(3);
            float[] mask = new float[spec.layers().get(dense1).weightCount()];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextDouble() < 0.55 ? 1f : 0f;
            }
            int grown = 0;
            for (QNetwork net : new QNetwork[] {synced, restored}) {
                net.state().initXavier(11);
                LayerParams p = net.state().layers.get(dense1);
                System.arraycopy(mask, 0, p.mask, 0, mask.length);
                net.push();
                net.applyMasks();
                grown = 0;
                for (int i = 0; i < mask.length; i += 7) {
                    if (mask[i] != 0f) {
                        p.weight[i] = 0f; // active, still at its grown value
                        grown++;
                    }
                }
                net.syncTarget();
            }
            double nonZero = (double) (ActiveLists.count(mask) - grown) / mask.length;
            assertTrue(nonZero < 0.5, "non-zeros below the threshold: " + nonZero);
            assertFalse(((JvmQNetwork) synced).isSparse(dense1), "mask above the threshold");
            restored.push(); // what a resume does after loading the checkpoint
            for (int step = 0; step < 3; step++) {
                TransitionBatch b = randomBatch(spec, batch, rng);
                assertEquals(Float.floatToIntBits(synced.update(b, 0.99f, false)),
                        Float.floatToIntBits(restored.update(b, 0.99f, false)), "loss at step " + step);
                for (int l = 0; l < spec.layers().size(); l++) {
                    assertArrayEquals(synced.state().layers.get(l).weight, restored.state().layers.get(l).weight,
                            "weights of layer " + l + " after step " + step);
                }
            }
        }
    }

    /**
     * The same random masks on both networks, weights multiplied by them. Positions that become active
     * get fresh Adam moments, as RigL gives regrown weights (the moments at inactive positions are
     * backend-specific: the sparse path sees a zero gradient there).
     */
    static void randomMasks(QNetwork a, QNetwork b, SplittableRandom rng, double density) {
        for (int l = 0; l < a.state().layers.size(); l++) {
            LayerParams pa = a.state().layers.get(l);
            LayerParams pb = b.state().layers.get(l);
            for (int i = 0; i < pa.mask.length; i++) {
                float m = rng.nextDouble() < density ? 1f : 0f;
                if (m != 0f && pa.mask[i] == 0f) {
                    for (LayerParams p : new LayerParams[] {pa, pb}) {
                        p.weightM[i] = 0f;
                        p.weightV[i] = 0f;
                    }
                }
                pa.mask[i] = m;
                pb.mask[i] = m;
            }
        }
        for (QNetwork n : new QNetwork[] {a, b}) {
            n.push();
            n.applyMasks();
        }
    }

    static TransitionBatch randomBatch(NetworkSpec spec, int size, SplittableRandom rng) {
        TransitionBatch t = new TransitionBatch(size, spec.inputSize());
        for (int i = 0; i < t.states.length; i++) {
            t.states[i] = (byte) rng.nextInt(256);
            t.nextStates[i] = (byte) rng.nextInt(256);
        }
        for (int i = 0; i < size; i++) {
            t.actions[i] = rng.nextInt(spec.actions());
            t.rewards[i] = rng.nextInt(3) - 1;
            t.terminals[i] = rng.nextInt(10) == 0 ? 1f : 0f;
        }
        return t;
    }
}
