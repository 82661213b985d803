package sparsedrl.agent.run;

import java.io.PrintStream;
import java.util.Locale;

/** Plain progress lines (for logs, pipes and batch jobs): at most one every few seconds, plus one per iteration. */
final class LogProgress implements Progress {
    private final String task;
    private final long totalFrames;
    private final PrintStream out;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private final long startFrames;
    private long lastNanos = System.nanoTime();

    LogProgress(String task, long totalFrames, long doneFrames, PrintStream out, int intervalSeconds) {
        this.task = task;
        this.totalFrames = totalFrames;
        this.startFrames = doneFrames;
        this.out = out;
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
    }

    @Override
    public void update(long trainFrames, String status) {
        long now = System.nanoTime();
        if (now - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = now;
        double secs = (now - startNanos) / 1e9;
        double fps = (trainFrames - startFrames) / Math.max(secs, 1e-9);
        // a phase finishes its last episode, so a run may pass its planned frames: no negative ETA
        double eta = fps > 0 ? Math.max(0, totalFrames - trainFrames) / fps : Double.NaN;
        out.printf(Locale.ROOT, "%s: %d/%d frames (%.1f%%), %.0f frames/s, ETA %s, %s%n", task, trainFrames, totalFrames,
                100.0 * trainFrames / Math.max(1, totalFrames), fps, formatDuration(eta), status);
    }

    @Override
    public void iterationDone(String line) {
        out.println(task + ": " + line);
    }

    @Override
    public void close() {
        out.flush();
    }

    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
