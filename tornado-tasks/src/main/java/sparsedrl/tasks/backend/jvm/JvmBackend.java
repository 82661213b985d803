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
    private final WorkerPool pool;

    /** @param threads worker threads, the calling thread included (at least 1) */
    public JvmBackend(int threads) {
        this.pool = new WorkerPool(threads);
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
        return new JvmQNetwork(spec, batchSize, adam, loss, pool);
    }

    @Override
    public void close() {
        pool.close();
    }
}
