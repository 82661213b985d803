package sparsedrl.tasks.backend.jvm;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Bytes the calling thread allocates while repeating a window of work. One-time allocations (class
 * loading, JIT transitions, the Vector API's boxed vectors before C2 compiles a loop) fall into the
 * early windows; on a loaded machine compilation can come late, so windows repeat until one is quiet
 * or the patience runs out. A steady per-step allocation never gives a quiet window.
 */
final class AllocationWindows {
    private AllocationWindows() {
    }

    /**
     * Runs {@code window} at least twice, and again until one run allocates less than
     * {@code quietBytes} or {@code patience} has passed; returns the fewest bytes of one run.
     */
    static long quietest(Runnable window, long quietBytes, Duration patience) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + patience.toNanos();
        long fewest = Long.MAX_VALUE;
        for (int run = 0; run < 2 || (fewest >= quietBytes && System.nanoTime() < deadline); run++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            window.run();
            fewest = Math.min(fewest, mx.getCurrentThreadAllocatedBytes() - before);
        }
        return fewest;
    }
}
