package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.Backends;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;

/**
 * Every method driven by real DQN updates on the JVM backend: masked weights stay exactly 0 in the
 * online network after every update, and the target network is exactly 0 wherever the mask was 0 at
 * its last sync (it copies masked weights); per-layer active counts hold the method's target.
 */
class MaskedTrainingWithJvmBackendTest {

    private static final NetworkSpec SPEC = NetworkSpec.minatar(4, 6, Set.of());
    private static final long TOTAL = 120;
    private static final int SYNC_EVERY = 7;

    @ParameterizedTest
    @EnumSource(value = MethodKind.class, names = {"PRUNE", "RIGL", "SET", "STATIC"})
    void maskedWeightsStayZeroThroughTrainingTargetIncluded(MethodKind kind) {
        SparsityConfig cfg = SparsityConfig.defaults().withMethod(kind).withSparsity(0.9).withWindow(0.1, 0.8)
                .withMaskUpdateEvery(10).withTopologyUpdateEvery(10);
        SparsityMethod method = SparsityMethods.create(cfg, SPEC, TOTAL, 2);
        double[] d = ((BaseSparsityMethod) method).densities();
        try (Backend backend = Backends.create("jvm", 1);
             QNetwork net = backend.create(SPEC, 8, AdamConfig.DOPAMINE, LossKind.HUBER)) {
            net.state().initXavier(3);
            net.push();
            method.initialize(net);
            net.syncTarget();
            List<LayerParams> layers = net.state().layers;
            float[][] maskAtSync = snapshotMasks(layers);
            TransitionBatch batch = new TransitionBatch(8, SPEC.inputSize());
            SplittableRandom rng = new SplittableRandom(4);
            boolean sawDenseGradientOutsideMask = false;
            for (long t = 0; t < TOTAL; t++) {
                fill(batch, rng);
                boolean dense = method.needsDenseGradient(t);
                net.update(batch, 0.99f, dense);
                net.pull();
                if (dense) {
                    sawDenseGradientOutsideMask |= gradientOutsideMask(layers.get(1));
                }
                method.afterUpdate(net, t);
                if (t % SYNC_EVERY == 0) {
                    net.syncTarget();
                    maskAtSync = snapshotMasks(layers);
                }
                net.pull();
                for (int l = 0; l < layers.size(); l++) {
                    LayerParams p = layers.get(l);
                    for (int i = 0; i < p.weight.length; i++) {
                        // == 0f: w * 0 of a negative w is -0.0, which is a zero weight.
                        if (p.mask[i] == 0f && p.weight[i] != 0f) {
                            fail(kind + " online t=" + t + " layer " + l + " index " + i + ": " + p.weight[i]);
                        }
                        if (maskAtSync[l][i] == 0f && p.targetWeight[i] != 0f) {
                            fail(kind + " target t=" + t + " layer " + l + " index " + i + ": " + p.targetWeight[i]);
                        }
                    }
                }
            }
            for (int l = 0; l < layers.size(); l++) {
                LayerParams p = layers.get(l);
                assertEquals(TopK.keepCount(p.weight.length, d[l]), p.activeCount(), kind + " final count " + l);
            }
            assertTrue(kind != MethodKind.RIGL || sawDenseGradientOutsideMask,
                    "RigL grow steps must see the dense gradient at inactive positions");
        }
    }

    private static boolean gradientOutsideMask(LayerParams p) {
        for (int i = 0; i < p.weight.length; i++) {
            if (p.mask[i] == 0f && p.weightGrad[i] != 0f) {
                return true;
            }
        }
        return false;
    }

    private static float[][] snapshotMasks(List<LayerParams> layers) {
        float[][] m = new float[layers.size()][];
        for (int l = 0; l < m.length; l++) {
            m[l] = layers.get(l).mask.clone();
        }
        return m;
    }

    private static void fill(TransitionBatch b, SplittableRandom rng) {
        for (int i = 0; i < b.states.length; i++) {
            b.states[i] = (byte) (rng.nextInt(4) == 0 ? 1 : 0);
            b.nextStates[i] = (byte) (rng.nextInt(4) == 0 ? 1 : 0);
        }
        for (int i = 0; i < b.size; i++) {
            b.actions[i] = rng.nextInt(6);
            b.rewards[i] = rng.nextInt(3) - 1;
            b.terminals[i] = rng.nextInt(10) == 0 ? 1f : 0f;
        }
    }
}
