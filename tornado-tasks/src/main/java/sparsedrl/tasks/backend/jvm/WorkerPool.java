package sparsedrl.tasks.backend.jvm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that run one kernel range at a time: {@link #run} splits
 * {@code [0, n)} into chunks that the caller and the workers claim until none is left, then returns
 * when all are done. Created once per backend; a run allocates nothing.
 *
 * <p>This is the one place where a kernel's parallel range is cut into {@code (from, to)} slices.
 * Chunks are claimed dynamically so that a core slowed by other processes takes fewer of them.
 */
public final class WorkerPool implements AutoCloseable {

    /** A kernel bound to its arguments, run on the slice {@code [from, to)} of its parallel loop. */
    public interface RangeTask {
        void run(int from, int to);
    }

    /** Chunks per thread: enough for balancing, few enough to keep scheduling overhead small. */
    private static final int CHUNKS_PER_THREAD = 4;
    /**
     * Busy-wait iterations before a waiting thread parks: long enough to bridge the gap between two
     * kernels of one update, short enough not to burn a core that another process could use.
     */
    private static final int SPINS = 2_000;

    /** Multiply-adds (or element operations) worth handing to another thread at all. */
    private static final long MIN_WORK_PER_SLICE = 65_536;

    private final Thread[] workers;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private RangeTask task;
    private int total;
    private int chunkSize;
    private int chunks;
    private volatile Throwable failure;

    /** @param threads total threads working on a run, the caller included (at least 1) */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::workerLoop, "sparsedrl-jvm-worker-" + (i + 1));
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** Smallest slice, in items of {@code workPerItem} operations, worth running on another thread. */
    public static int grain(long workPerItem) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, MIN_WORK_PER_SLICE / Math.max(1, workPerItem)));
    }

    public int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code task} over {@code [0, n)} and returns when every slice is done.
     *
     * @param minChunk smallest slice worth handing to a thread (amortises per-slice overhead)
     */
    public void run(int n, int minChunk, RangeTask task) {
        if (n <= 0) {
            return;
        }
        int threads = threads();
        int size = Math.max(Math.max(minChunk, 1), (n + threads * CHUNKS_PER_THREAD - 1) / (threads * CHUNKS_PER_THREAD));
        if (threads == 1 || size >= n) {
            task.run(0, n);
            return;
        }
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        this.task = task;
        this.total = n;
        this.chunkSize = size;
        this.chunks = (n + size - 1) / size;
        this.caller = Thread.currentThread();
        nextChunk.set(0);
        running.set(workers.length);
        generation = generation + 1; // volatile write publishes the fields above
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        try {
            work();
        } catch (Throwable t) {
            fail(t);
        }
        int spins = 0;
        while (running.get() != 0) {
            if (spins++ < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        this.task = null;
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
    }

    private void work() {
        int c;
        while ((c = nextChunk.getAndIncrement()) < chunks) {
            int from = c * chunkSize;
            task.run(from, Math.min(from + chunkSize, total));
        }
    }

    private void fail(Throwable t) {
        failure = t;
        nextChunk.set(Integer.MAX_VALUE / 2); // hand out no further chunks
    }

    private void workerLoop() {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (spins++ < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                work();
            } catch (Throwable t) {
                fail(t);
            }
            if (running.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
