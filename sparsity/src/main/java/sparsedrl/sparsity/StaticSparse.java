package sparsedrl.sparsity;

import sparsedrl.tasks.backend.QNetwork;

/**
 * Static sparse training: a random mask per layer with exactly round(N*d) active weights at
 * initialisation (seeded), never changed afterwards. The sparse-start/end window does not apply.
 */
public final class StaticSparse extends BaseSparsityMethod {

    public StaticSparse(double[] densities, long seed) {
        super(MethodKind.STATIC, densities, seed);
    }

    @Override
    public void initialize(QNetwork net) {
        if (anySparseLayer()) {
            installInitialMasks(net, () -> randomMasks(net));
        }
    }

    @Override
    public boolean needsDenseGradient(long t) {
        return false;
    }

    @Override
    public void afterUpdate(QNetwork net, long t) {
        // The mask is fixed.
    }
}
