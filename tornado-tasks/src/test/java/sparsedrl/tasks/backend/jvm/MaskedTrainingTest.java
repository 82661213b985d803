package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;

/** Masked weights stay exactly 0 through many updates, target syncs and mask re-application. */
class MaskedTrainingTest {

    @Test
    void maskedWeightsStayZeroThroughTraining() {
        NetworkSpec spec = NetworkSpec.minatar(4, 6, Set.of());
        SplittableRandom rng = new SplittableRandom(5);
        try (JvmBackend backend = new JvmBackend(2);
             QNetwork net = backend.create(spec, 16, AdamConfig.DOPAMINE, LossKind.MSE)) {
            net.state().initXavier(3);
            float[] before = net.state().layer("dense1").weight.clone();
            for (LayerParams p : net.state().layers) {
                for (int i = 0; i < p.mask.length; i++) {
                    p.mask[i] = rng.nextBoolean() ? 1f : 0f;
                }
            }
            net.applyMasks();
            for (int step = 0; step < 60; step++) {
                net.update(JvmQNetworkReferenceTest.randomBatch(spec, 16, rng), 0.99f, step % 2 == 0);
                if (step % 20 == 19) {
                    net.syncTarget();
                }
            }
            int active = 0;
            for (LayerParams p : net.state().layers) {
                for (int i = 0; i < p.mask.length; i++) {
                    if (p.mask[i] == 0f) {
                        assertEquals(0f, p.weight[i], 0f, p.spec.name() + " weight " + i);
                        assertEquals(0f, p.targetWeight[i], 0f, p.spec.name() + " target weight " + i);
                    } else {
                        active++;
                    }
                }
            }
            assertTrue(active > 0);
            assertEquals(60, net.state().adamStep);
            float[] after = net.state().layer("dense1").weight;
            int moved = 0;
            for (int i = 0; i < after.length; i++) {
                moved += after[i] != before[i] && net.state().layer("dense1").mask[i] != 0f ? 1 : 0;
            }
            assertNotEquals(0, moved, "active weights train");
        }
    }
}
