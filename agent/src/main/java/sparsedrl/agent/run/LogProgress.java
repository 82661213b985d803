package sparsedrl.agent.run;

import java.io.PrintStream;
import java.util.Locale;

/** Plain progress lines (for logs, pipes and batch jobs): at most one every few seconds, plus one per iteration. */
final class LogProgress implements Progress {
    private final String task;
    private final PrintStream out;
    private final long intervalNanos;
    private final IterationPace pace;
    private long lastNanos = System.nanoTime();

    LogProgress(String task, ProgressStart start, PrintStream out, int intervalSeconds) {
        this.task = task;
        this.out = out;
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
        this.pace = new IterationPace(start, lastNanos);
    }

    @Override
    public void update(long trainFrames, String status) {
        long now = System.nanoTime();
        if (now - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = now;
        long totalFrames = pace.expectedTotalFrames();
        out.printf(Locale.ROOT, "%s: %d/%d frames (%.1f%%), %.0f frames/s, ETA %s, %s%n", task, trainFrames, totalFrames,
                100.0 * trainFrames / Math.max(1, totalFrames), pace.framesPerSecond(trainFrames, now),
                formatDuration(pace.secondsLeft(trainFrames, now)), status);
    }

    @Override
    public void iterationDone(long trainFrames, String line) {
        pace.iterationDone(trainFrames, System.nanoTime());
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
