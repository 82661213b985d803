package sparsedrl.sparsity;

import java.util.List;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.net.LayerParams;

/**
 * Drop-and-grow sparse training shared by RigL and SET (SPEC.md section 5); subclasses say only how
 * growth is scored.
 *
 * <p>Timeline, with tStart = round(sparse-start * total) and tEnd = round(sparse-end * total):
 * <ul>
 *   <li>tStart = 0: {@link #initialize} sets a random mask per layer with exactly round(N*d) active
 *       weights (the JaxPruner/Graesser setting);</li>
 *   <li>tStart &gt; 0: dense until then; afterUpdate(tStart) prunes once by magnitude to the target
 *       densities (the paper's fix);</li>
 *   <li>topology steps t = tStart + k*every &lt;= tEnd (k &gt;= 1): per layer keep the
 *       round(N*d*(1-f_t)) largest |w| among active weights and grow back to round(N*d) by the
 *       largest growth score among the others; f_t = cosine(f0, t, tEnd). Grown weights start at 0
 *       with Adam moments 0. Per-layer active counts stay at round(N*d);</li>
 *   <li>after tEnd the mask is frozen.</li>
 * </ul>
 */
public abstract class DynamicSparseTraining extends BaseSparsityMethod {
    private final long tStart;
    private final long tEnd;
    private final long every;
    private final double f0;

    DynamicSparseTraining(MethodKind kind, double[] densities, long tStart, long tEnd, long every,
                          double dropFraction, long seed) {
        super(kind, densities, seed);
        this.tStart = tStart;
        this.tEnd = tEnd;
        this.every = every;
        this.f0 = dropFraction;
    }

    /** Growth scores of a layer (ranked by absolute value), at least N entries. */
    protected abstract float[] growScores(LayerParams layer);

    /** Whether growth reads the dense gradient of the current batch. */
    protected abstract boolean growsByGradient();

    @Override
    public void initialize(QNetwork net) {
        if (tStart == 0 && anySparseLayer()) {
            installInitialMasks(net, () -> randomMasks(net));
        }
    }

    /** Whether afterUpdate(t) drops and grows (possibly with f_t = 0, i.e. no change). */
    public boolean isTopologyStep(long t) {
        return t > tStart && t <= tEnd && (t - tStart) % every == 0;
    }

    /** Drop fraction f_t of SPEC.md section 5. */
    public double dropFraction(long t) {
        return SparsitySchedules.cosineDropFraction(f0, t, tEnd);
    }

    /** True when afterUpdate(t) will grow: a topology step with a positive drop fraction. */
    private boolean growsAt(long t) {
        return isTopologyStep(t) && dropFraction(t) > 0 && anySparseLayer();
    }

    @Override
    public boolean needsDenseGradient(long t) {
        return growsByGradient() && growsAt(t);
    }

    @Override
    public void afterUpdate(QNetwork net, long t) {
        if (tStart > 0 && t == tStart && anySparseLayer()) {
            changeMasks(net, () -> magnitudeMasks(net));
        } else if (growsAt(t)) {
            double f = dropFraction(t);
            changeMasks(net, () -> dropAndGrowAll(net, f));
        }
    }

    private void dropAndGrowAll(QNetwork net, double f) {
        List<LayerParams> layers = net.state().layers;
        for (int i = 0; i < layers.size(); i++) {
            if (densities[i] < 1) {
                LayerParams p = layers.get(i);
                int n = p.weight.length;
                int target = TopK.keepCount(n, densities[i]);
                int keep = (int) Math.min(target, Math.round(n * densities[i] * (1 - f)));
                editor.dropAndGrow(p, target, keep, growScores(p));
            }
        }
    }
}
