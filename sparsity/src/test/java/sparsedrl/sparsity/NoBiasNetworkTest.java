package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;
import sparsedrl.tasks.net.Padding;

/** --no-bias builds the network without any bias parameter (not biases fixed at zero). */
class NoBiasNetworkTest {

    @Test
    void noBiasNatureNetHasNoBiasParametersAtAll() {
        NetworkSpec spec = NetworkSpec.nature(6, Padding.SAME, new HashSet<>(NetworkSpec.NATURE_LAYERS));
        assertEquals(0, spec.biasCount());
        assertEquals(4_045_824, spec.weightCount()); // SPEC.md section 2, A = 6
        for (LayerParams p : new NetworkState(spec).layers) {
            assertNull(p.bias, p.spec.name());
            assertNull(p.targetBias, p.spec.name());
            assertNull(p.biasM, p.spec.name());
            assertNull(p.biasV, p.spec.name());
            assertNull(p.biasGrad, p.spec.name());
        }
    }

    @Test
    void perLayerNoBiasRemovesOnlyThoseLayers() {
        NetworkState s = new NetworkState(NetworkSpec.minatar(4, 6, Set.of("dense1")));
        assertNotNull(s.layer("conv1").bias);
        assertNull(s.layer("dense1").bias);
        assertNotNull(s.layer("q").bias);
        assertEquals(16 + 6, s.spec.biasCount());
    }

    @Test
    void sparsityNeverCountsBiases() {
        NetworkState withBias = new NetworkState(NetworkSpec.minatar(4, 6, Set.of()));
        NetworkState noBias = new NetworkState(NetworkSpec.minatar(4, 6, new HashSet<>(NetworkSpec.MINATAR_LAYERS)));
        assertEquals(SparsityMetrics.columns(withBias), SparsityMetrics.columns(noBias));
    }
}
