package sparsedrl.agent.run;

import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar with ETA (from the latest whole iteration's duration), frames/s and the latest returns. */
final class TerminalProgress implements Progress {
    private final ProgressBar bar;
    private final IterationPace pace;

    TerminalProgress(String task, ProgressStart start) {
        this.pace = new IterationPace(start, System.nanoTime());
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(pace.expectedTotalFrames())
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" frames", 1)
                .showSpeed()
                .setEtaFunction(state -> {
                    double left = pace.secondsLeft(state.getCurrent(), System.nanoTime());
                    return Double.isFinite(left) ? Optional.of(Duration.ofSeconds(Math.round(left))) : Optional.empty();
                })
                .setUpdateIntervalMillis(500)
                .startsFrom(start.doneFrames(), Duration.ZERO)
                .build();
    }

    @Override
    public void update(long trainFrames, String status) {
        bar.stepTo(trainFrames);
        bar.setExtraMessage(" " + status);
    }

    @Override
    public void iterationDone(long trainFrames, String line) {
        // the bar keeps its line; finished iterations are in metrics.csv and the status message
        pace.iterationDone(trainFrames, System.nanoTime());
        bar.maxHint(pace.expectedTotalFrames());
    }

    @Override
    public void close() {
        bar.close();
    }
}
