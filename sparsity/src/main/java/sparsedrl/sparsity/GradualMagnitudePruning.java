package sparsedrl.sparsity;

import java.util.List;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.net.LayerParams;

/**
 * Gradual magnitude pruning (Zhu and Gupta; SPEC.md section 5). Dense until {@code tStart}; then
 * after update t, whenever t is a mask step, layer l keeps its round(N * (1 - s_l(t))) largest |w|
 * (ties to the lower index) with s_l(t) = cubic(s_l,F, t, tStart, tEnd) and s_l,F the layer's final
 * sparsity from the distribution. Mask steps: tStart &lt;= t &lt;= tEnd with (t - tStart) a multiple
 * of {@code every}, plus tEnd itself so the final sparsity is always reached; frozen afterwards.
 * Weights pruned earlier are 0 and so rank last: the pruned set only grows.
 */
public final class GradualMagnitudePruning extends BaseSparsityMethod {
    private final long tStart;
    private final long tEnd;
    private final long every;

    public GradualMagnitudePruning(double[] densities, long tStart, long tEnd, long every, long seed) {
        super(MethodKind.PRUNE, densities, seed);
        if (tEnd <= tStart) {
            throw new IllegalArgumentException("pruning needs its end update (" + tEnd + ") after its start ("
                    + tStart + "): raise --sparse-end or the run length");
        }
        this.tStart = tStart;
        this.tEnd = tEnd;
        this.every = every;
    }

    @Override
    public void initialize(QNetwork net) {
        // Pruning starts from the dense network.
    }

    @Override
    public boolean needsDenseGradient(long t) {
        return false;
    }

    /** Whether afterUpdate(t) recomputes the masks. */
    public boolean isMaskStep(long t) {
        return t >= tStart && t <= tEnd && ((t - tStart) % every == 0 || t == tEnd);
    }

    /** Target sparsity of layer {@code layer} after update t. */
    public double layerSparsity(int layer, long t) {
        return SparsitySchedules.cubic(1 - densities[layer], t, tStart, tEnd);
    }

    @Override
    public void afterUpdate(QNetwork net, long t) {
        if (!isMaskStep(t) || !anySparseLayer()) {
            return;
        }
        changeMasks(net, () -> {
            List<LayerParams> layers = net.state().layers;
            for (int i = 0; i < layers.size(); i++) {
                if (densities[i] < 1) {
                    LayerParams p = layers.get(i);
                    editor.magnitudeMask(p, TopK.keepCount(p.weight.length, 1 - layerSparsity(i, t)));
                }
            }
        });
    }
}
