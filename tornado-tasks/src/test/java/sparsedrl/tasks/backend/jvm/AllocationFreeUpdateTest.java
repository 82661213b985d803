package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.NetworkSpec;

/** After warm-up, updates and action selection allocate nothing on the calling thread. */
class AllocationFreeUpdateTest {

    @Test
    void updatesAndQValuesDoNotAllocate() {
        NetworkSpec spec = NetworkSpec.minatar(4, 6, Set.of());
        try (JvmBackend backend = new JvmBackend(1);
             QNetwork net = backend.create(spec, 8, AdamConfig.DOPAMINE, LossKind.HUBER)) {
            net.state().initXavier(1);
            TransitionBatch batch = JvmQNetworkReferenceTest.randomBatch(spec, 8, new SplittableRandom(3));
            float[] q = new float[spec.actions()];
            for (int i = 0; i < 300; i++) {
                net.update(batch, 0.99f, i % 2 == 0);
                net.qValues(batch.states, 1, q);
            }
            // A per-step allocation of even one small object would show in every window as >= 400 * 16 bytes.
            long bytes = AllocationWindows.quietest(() -> {
                for (int i = 0; i < 400; i++) {
                    net.update(batch, 0.99f, false);
                    net.qValues(batch.states, 1, q);
                    net.syncTarget();
                    net.applyMasks();
                }
            }, 1024, Duration.ofSeconds(60));
            assertTrue(bytes < 1024, () -> "allocated " + bytes + " bytes in 400 steps");
        }
    }
}
