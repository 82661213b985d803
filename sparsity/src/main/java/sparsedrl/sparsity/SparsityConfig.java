package sparsedrl.sparsity;

/**
 * Everything that defines a sparse-training run, one field per command-line option, with the
 * defaults of SPEC.md section 5. The compact constructor validates and throws
 * IllegalArgumentException with a message naming the option (the CLI maps it to exit code 2).
 *
 * @param method             {@code --method}: dense, prune, rigl, set, static
 * @param sparsity           {@code --sparsity}: global target fraction of zero kernel weights, in [0, 1)
 *                           (ignored by dense)
 * @param distribution       {@code --distribution}: erk (default) or uniform
 * @param sparseStart        {@code --sparse-start}: fraction of the total gradient updates at which
 *                           sparse training starts (prune: schedule start; rigl/set: 0 means a random
 *                           sparse mask at initialisation, &gt; 0 means dense until then and a one-shot
 *                           magnitude prune there); ignored by static and dense
 * @param sparseEnd          {@code --sparse-end}: fraction of the total updates after which the mask
 *                           is frozen
 * @param maskUpdateEvery    {@code --mask-update-every}: pruning mask recomputation period, in updates
 * @param topologyUpdateEvery {@code --topology-update-every}: RigL/SET drop-and-grow period, in updates
 * @param dropFraction       {@code --drop-fraction}: RigL/SET initial drop fraction f0 (cosine-decayed)
 */
public record SparsityConfig(MethodKind method, double sparsity, Distribution distribution,
                             double sparseStart, double sparseEnd, long maskUpdateEvery,
                             long topologyUpdateEvery, double dropFraction) {

    public static final double DEFAULT_SPARSITY = 0.9;
    public static final double DEFAULT_SPARSE_START = 0.2;
    public static final double DEFAULT_SPARSE_END = 0.8;
    public static final long DEFAULT_MASK_UPDATE_EVERY = 1_000;
    public static final long DEFAULT_TOPOLOGY_UPDATE_EVERY = 5_000;
    public static final double DEFAULT_DROP_FRACTION = 0.3;

    public SparsityConfig {
        if (method == null) {
            throw new IllegalArgumentException("--method must be given (dense, prune, rigl, set, static)");
        }
        if (distribution == null) {
            throw new IllegalArgumentException("--distribution must be given (erk or uniform)");
        }
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("--sparsity must be in [0, 1), got " + sparsity);
        }
        if (!(sparseStart >= 0 && sparseStart <= 1)) {
            throw new IllegalArgumentException("--sparse-start must be in [0, 1], got " + sparseStart);
        }
        if (!(sparseEnd >= 0 && sparseEnd <= 1)) {
            throw new IllegalArgumentException("--sparse-end must be in [0, 1], got " + sparseEnd);
        }
        if (sparseStart > sparseEnd) {
            throw new IllegalArgumentException("--sparse-start (" + sparseStart + ") must not exceed --sparse-end ("
                    + sparseEnd + ")");
        }
        if (method == MethodKind.PRUNE && sparseStart == sparseEnd) {
            throw new IllegalArgumentException("--method prune needs --sparse-start < --sparse-end (the cubic "
                    + "schedule runs between them), got both " + sparseStart);
        }
        if (maskUpdateEvery < 1) {
            throw new IllegalArgumentException("--mask-update-every must be >= 1, got " + maskUpdateEvery);
        }
        if (topologyUpdateEvery < 1) {
            throw new IllegalArgumentException("--topology-update-every must be >= 1, got " + topologyUpdateEvery);
        }
        if (!(dropFraction >= 0 && dropFraction <= 1)) {
            throw new IllegalArgumentException("--drop-fraction must be in [0, 1], got " + dropFraction);
        }
    }

    /** Dense training with every other field at its SPEC.md default. */
    public static SparsityConfig defaults() {
        return new SparsityConfig(MethodKind.DENSE, DEFAULT_SPARSITY, Distribution.ERK, DEFAULT_SPARSE_START,
                DEFAULT_SPARSE_END, DEFAULT_MASK_UPDATE_EVERY, DEFAULT_TOPOLOGY_UPDATE_EVERY, DEFAULT_DROP_FRACTION);
    }

    public SparsityConfig withMethod(MethodKind m) {
        return new SparsityConfig(m, sparsity, distribution, sparseStart, sparseEnd, maskUpdateEvery,
                topologyUpdateEvery, dropFraction);
    }

    public SparsityConfig withSparsity(double s) {
        return new SparsityConfig(method, s, distribution, sparseStart, sparseEnd, maskUpdateEvery,
                topologyUpdateEvery, dropFraction);
    }

    public SparsityConfig withDistribution(Distribution d) {
        return new SparsityConfig(method, sparsity, d, sparseStart, sparseEnd, maskUpdateEvery,
                topologyUpdateEvery, dropFraction);
    }

    public SparsityConfig withWindow(double start, double end) {
        return new SparsityConfig(method, sparsity, distribution, start, end, maskUpdateEvery,
                topologyUpdateEvery, dropFraction);
    }

    public SparsityConfig withMaskUpdateEvery(long every) {
        return new SparsityConfig(method, sparsity, distribution, sparseStart, sparseEnd, every,
                topologyUpdateEvery, dropFraction);
    }

    public SparsityConfig withTopologyUpdateEvery(long every) {
        return new SparsityConfig(method, sparsity, distribution, sparseStart, sparseEnd, maskUpdateEvery,
                every, dropFraction);
    }

    public SparsityConfig withDropFraction(double f0) {
        return new SparsityConfig(method, sparsity, distribution, sparseStart, sparseEnd, maskUpdateEvery,
                topologyUpdateEvery, f0);
    }

    /** First update of the sparse phase: round(sparseStart * totalUpdates). */
    public long startUpdate(long totalUpdates) {
        return Math.round(sparseStart * totalUpdates);
    }

    /** Last update at which the mask may change: round(sparseEnd * totalUpdates). */
    public long endUpdate(long totalUpdates) {
        return Math.round(sparseEnd * totalUpdates);
    }
}
