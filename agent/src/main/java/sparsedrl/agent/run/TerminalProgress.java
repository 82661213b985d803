package sparsedrl.agent.run;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar with ETA, frames/s and the latest returns. */
final class TerminalProgress implements Progress {
    private final ProgressBar bar;

    TerminalProgress(String task, long totalFrames, long doneFrames) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalFrames)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" frames", 1)
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .startsFrom(doneFrames, Duration.ZERO)
                .build();
    }

    @Override
    public void update(long trainFrames, String status) {
        bar.stepTo(trainFrames);
        bar.setExtraMessage(" " + status);
    }

    @Override
    public void iterationDone(String line) {
        // the bar keeps its line; finished iterations are in metrics.csv and the status message
    }

    @Override
    public void close() {
        bar.close();
    }
}
