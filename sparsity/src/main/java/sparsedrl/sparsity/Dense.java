package sparsedrl.sparsity;

import sparsedrl.tasks.backend.QNetwork;

/** Dense training: no masks are ever set (every mask stays all ones). */
public final class Dense extends BaseSparsityMethod {

    public Dense(int layers, long seed) {
        super(MethodKind.DENSE, ones(layers), seed);
    }

    @Override
    public void initialize(QNetwork net) {
        // Nothing to do: a fresh network's masks are all ones.
    }

    @Override
    public boolean needsDenseGradient(long t) {
        return false;
    }

    @Override
    public void afterUpdate(QNetwork net, long t) {
        // The topology never changes.
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1.0);
        return d;
    }
}
