package sparsedrl.sparsity;

import sparsedrl.tasks.net.NetworkSpec;

/**
 * Builds the sparsity method of a run. How the agent uses it:
 * <pre>{@code
 * SparsityMethod sparse = SparsityMethods.create(cfg, spec, totalUpdates, seed);
 * sparse.initialize(net);                                   // after Xavier init + push
 * for (long t = 0; t < totalUpdates; t++) {
 *     float loss = net.update(batch, gamma, sparse.needsDenseGradient(t));
 *     sparse.afterUpdate(net, t);                           // may change masks (pulls/pushes itself)
 *     ...                                                   // target sync, dormant, metrics
 * }
 * checkpoint: sparse.saveState() / sparse.restoreState(bytes) next to the network state
 * }</pre>
 * {@code totalUpdates} is the number of gradient updates of the whole run; the sparse window is
 * [round(sparseStart * total), round(sparseEnd * total)].
 */
public final class SparsityMethods {

    private SparsityMethods() {
    }

    public static SparsityMethod create(SparsityConfig cfg, NetworkSpec spec, long totalUpdates, long seed) {
        if (totalUpdates < 0) {
            throw new IllegalArgumentException("total updates must be >= 0, got " + totalUpdates);
        }
        int layers = spec.layers().size();
        if (cfg.method() == MethodKind.DENSE) {
            return new Dense(layers, seed);
        }
        double[] d = cfg.distribution().densities(spec, cfg.sparsity());
        long tStart = cfg.startUpdate(totalUpdates);
        long tEnd = cfg.endUpdate(totalUpdates);
        return switch (cfg.method()) {
            case DENSE -> new Dense(layers, seed);
            case PRUNE -> new GradualMagnitudePruning(d, tStart, tEnd, cfg.maskUpdateEvery(), seed);
            case RIGL -> new RigL(d, tStart, tEnd, cfg.topologyUpdateEvery(), cfg.dropFraction(), seed);
            case SET -> new SparseEvolutionaryTraining(d, tStart, tEnd, cfg.topologyUpdateEvery(),
                    cfg.dropFraction(), seed);
            case STATIC -> new StaticSparse(d, seed);
        };
    }
}
