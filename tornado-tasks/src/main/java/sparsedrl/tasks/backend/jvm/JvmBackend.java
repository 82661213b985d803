package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.SparseThreshold;
import sparsedrl.tasks.net.NetworkSpec;

/**
 * The embedded default backend: the kernels run as plain Java on a bounded pool of threads that
 * every network of this backend shares. Networks must not be used from two threads at once.
 */
public final class JvmBackend implements Backend {
    private final WorkerPool pool;
    private final double sparseThreshold;

    /**
     * @param threads worker threads, the calling thread included (at least 1); the sparse threshold
     *                comes from {@link SparseThreshold#configured()}
     */
    public JvmBackend(int threads) {
        this(threads, SparseThreshold.configured());
    }

    /**
     * @param threads         worker threads, the calling thread included (at least 1)
     * @param sparseThreshold mask density below which a layer runs sparse (0 = always dense, 1.01 = always sparse)
     */
    public JvmBackend(int threads, double sparseThreshold) {
        this.sparseThreshold = SparseThreshold.require(sparseThreshold);
        this.pool = new WorkerPool(threads);
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
