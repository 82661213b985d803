package sparsedrl.sparsity;

import java.util.LinkedHashMap;
import java.util.Map;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkState;

/** Sparsity metric columns: {@code sparsity} (over all weight kernels) then {@code sparsity_<layer>}. */
public final class SparsityMetrics {

    private SparsityMetrics() {
    }

    /**
     * Fraction of masked kernel weights, overall and per layer in layer order, read from the host
     * masks (pull first on a device backend). Biases are not counted.
     */
    public static Map<String, Double> columns(NetworkState state) {
        Map<String, Double> out = new LinkedHashMap<>();
        long inactive = 0;
        long total = 0;
        Map<String, Double> perLayer = new LinkedHashMap<>();
        for (LayerParams p : state.layers) {
            int n = p.weight.length;
            int off = n - p.activeCount();
            inactive += off;
            total += n;
            perLayer.put("sparsity_" + p.spec.name(), (double) off / n);
        }
        out.put("sparsity", (double) inactive / total);
        out.putAll(perLayer);
        return out;
    }
}
