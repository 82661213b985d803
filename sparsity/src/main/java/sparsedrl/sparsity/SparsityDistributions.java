package sparsedrl.sparsity;

import java.util.Arrays;
import java.util.List;
import sparsedrl.tasks.net.LayerSpec;

/**
 * Per-layer densities for a global target sparsity (pure functions, as JaxPruner's
 * sparsity_distributions). Every weight kernel is a candidate, first and last layer included;
 * biases are never counted. Results are in layer order; 1 means the layer stays dense.
 */
public final class SparsityDistributions {

    private SparsityDistributions() {
    }

    /** Every kernel at density 1 - sparsity. */
    public static double[] uniform(List<LayerSpec> layers, double sparsity) {
        double[] d = new double[layers.size()];
        Arrays.fill(d, 1 - sparsity);
        return d;
    }

    /**
     * Erdos-Renyi-Kernel (SPEC.md section 5): density_l = eps * raw_l with
     * raw_l = (sum of kernel dims)/(product of kernel dims) and eps chosen so that the kept weights
     * total (1 - sparsity) * all weights. When eps * raw_l would exceed 1 the layer(s) with the
     * largest raw density become dense and eps is solved again over the rest (one layer per round,
     * as the RigL/JaxPruner code does), so every density is at most 1.
     */
    public static double[] erk(List<LayerSpec> layers, double sparsity) {
        int n = layers.size();
        double[] raw = new double[n];
        double[] size = new double[n];
        for (int i = 0; i < n; i++) {
            int[] shape = layers.get(i).kernelShape();
            double sum = 0;
            double prod = 1;
            for (int dim : shape) {
                sum += dim;
                prod *= dim;
            }
            raw[i] = sum / prod;
            size[i] = prod;
        }
        boolean[] dense = new boolean[n];
        while (true) {
            // Kept weights the sparse layers must hold: (1 - s) * total minus what the dense layers keep.
            double rhs = 0;
            double divisor = 0;
            double maxRaw = -1;
            for (int i = 0; i < n; i++) {
                if (dense[i]) {
                    rhs -= size[i] * sparsity;
                } else {
                    rhs += size[i] * (1 - sparsity);
                    divisor += raw[i] * size[i];
                    maxRaw = Math.max(maxRaw, raw[i]);
                }
            }
            if (maxRaw < 0) {
                // Every layer dense: only possible at sparsity 0.
                double[] all = new double[n];
                Arrays.fill(all, 1.0);
                return all;
            }
            double eps = rhs / divisor;
            if (eps * maxRaw > 1) {
                for (int i = 0; i < n; i++) {
                    if (!dense[i] && raw[i] == maxRaw) {
                        dense[i] = true;
                    }
                }
                continue;
            }
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = dense[i] ? 1.0 : eps * raw[i];
            }
            return d;
        }
    }
}
