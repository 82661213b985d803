package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.net.NetworkSpec;

/**
 * The embedded default backend: the kernels run as plain Java on a bounded pool of threads that
 * every network of this backend shares. Networks must not be used from two threads at once.
 */
public final class JvmBackend implements Backend {
    /**
     * Default mask density below which a layer runs over its active weights only; the system property
     * {@value #SPARSE_THRESHOLD_PROPERTY} overrides it (0 = always dense).
     */
    public static final double DEFAULT_SPARSE_THRESHOLD = 0.3;
    public static final String SPARSE_THRESHOLD_PROPERTY = "sparsedrl.sparseThreshold";

    private final WorkerPool pool;
    private final double sparseThreshold;

    /**
     * @param threads worker threads, the calling thread included (at least 1); the sparse threshold
     *                comes from {@link #configuredSparseThreshold()}
     */
    public JvmBackend(int threads) {
        this(threads, configuredSparseThreshold());
    }

    /**
     * @param threads         worker threads, the calling thread included (at least 1)
     * @param sparseThreshold mask density below which a layer runs sparse (0 = always dense, 1.01 = always sparse)
     */
    public JvmBackend(int threads, double sparseThreshold) {
        if (!(sparseThreshold >= 0)) {
            throw new IllegalArgumentException("sparse threshold must be >= 0, got " + sparseThreshold);
        }
        this.sparseThreshold = sparseThreshold;
        this.pool = new WorkerPool(threads);
    }

    /** The threshold of the system property {@value #SPARSE_THRESHOLD_PROPERTY}, else the default. */
    public static double configuredSparseThreshold() {
        String v = System.getProperty(SPARSE_THRESHOLD_PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_SPARSE_THRESHOLD;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SPARSE_THRESHOLD_PROPERTY + " must be a number, got '" + v + "'", e);
        }
    }

    public double sparseThreshold() {
        return sparseThreshold;
    }

    public int threads() {
        return pool.threads();
    }

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public String device() {
        return "JVM " + System.getProperty("java.version") + ", " + pool.threads() + " thread"
                + (pool.threads() == 1 ? "" : "s");
    }

    @Override
    public QNetwork create(NetworkSpec spec, int batchSize, AdamConfig adam, LossKind loss) {
        return new JvmQNetwork(spec, batchSize, adam, loss, pool, sparseThreshold);
    }

    @Override
    public void close() {
        pool.close();
    }
}
