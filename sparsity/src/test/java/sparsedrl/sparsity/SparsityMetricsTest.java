package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;

class SparsityMetricsTest {

    @Test
    void columnsCountMaskedKernelWeightsOverallAndPerLayer() {
        NetworkState s = new NetworkState(NetworkSpec.minatar(4, 6, Set.of()));
        // conv1 3*3*4*16 = 576, dense1 1024*128 = 131,072, q 128*6 = 768.
        for (int i = 0; i < 288; i++) {
            s.layer("conv1").mask[i] = 0f;
        }
        for (int i = 0; i < 131_072 - 13_107; i++) {
            s.layer("dense1").mask[i * 1] = 0f;
        }
        Map<String, Double> m = SparsityMetrics.columns(s);
        assertEquals(List.of("sparsity", "sparsity_conv1", "sparsity_dense1", "sparsity_q"), List.copyOf(m.keySet()));
        assertEquals(0.5, m.get("sparsity_conv1"), 1e-12);
        assertEquals(117_965.0 / 131_072, m.get("sparsity_dense1"), 1e-12);
        assertEquals(0.0, m.get("sparsity_q"), 0.0);
        assertEquals((288.0 + 117_965) / (576 + 131_072 + 768), m.get("sparsity"), 1e-12);
    }
}
