package sparsedrl.agent.sweep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import sparsedrl.analysis.runs.RunEntry;

/** Runs a sweep's runs on this machine, at most {@code workers} at a time; one failure stops nothing. */
public final class LocalExecutor {

    private final RunTask task;
    private final int workers;
    private final PrintStream log;

    public LocalExecutor(RunTask task, int workers, PrintStream log) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        this.task = task;
        this.workers = workers;
        this.log = log;
    }

    public List<RunResult> runAll(List<RunEntry> runs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        List<Future<RunResult>> futures = new ArrayList<>();
        try {
            for (RunEntry run : runs) {
                futures.add(pool.submit(() -> {
                    RunResult r = task.run(run);
                    synchronized (log) {
                        log.printf("[%d/%d] %s: %s%n", done.incrementAndGet(), runs.size(), run.id(), describe(r));
                        log.flush();
                    }
                    return r;
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("sweep worker crashed", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static String describe(RunResult r) {
        return switch (r.outcome()) {
            case SKIPPED_FINISHED -> "already finished, skipped";
            case COMPLETED -> "finished";
            case FAILED -> "FAILED (" + r.error().lines().findFirst().orElse("") + ")";
            case BUSY -> "left alone: " + r.error();
            case STOPPED -> "stopped: " + r.error();
        };
    }
}
