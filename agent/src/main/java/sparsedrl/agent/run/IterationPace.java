package sparsedrl.agent.run;

/**
 * Time left in a run, from the pace of its latest whole iteration (training and evaluation phase).
 * An average since the start would promise far too early an end: the first Atari iteration only
 * fills the replay buffer, with no gradient updates, and runs several times faster than the rest.
 * Before the first iteration ends the average since the start is all there is.
 */
final class IterationPace {
    private final long totalFrames;
    private final long startNanos;
    private final long startFrames;
    private long iterationStartNanos;
    private long iterationStartFrames;
    private double iterationFramesPerSecond = Double.NaN;

    IterationPace(long totalFrames, long doneFrames, long nowNanos) {
        this.totalFrames = totalFrames;
        this.startNanos = nowNanos;
        this.startFrames = doneFrames;
        this.iterationStartNanos = nowNanos;
        this.iterationStartFrames = doneFrames;
    }

    /** Marks the end of an iteration at {@code trainFrames} training frames. */
    synchronized void iterationDone(long trainFrames, long nowNanos) {
        double seconds = (nowNanos - iterationStartNanos) / 1e9;
        if (seconds > 0 && trainFrames > iterationStartFrames) {
            iterationFramesPerSecond = (trainFrames - iterationStartFrames) / seconds;
        }
        iterationStartNanos = nowNanos;
        iterationStartFrames = trainFrames;
    }

    /** Training frames per second, counting evaluation time: of the latest iteration once there is one. */
    synchronized double framesPerSecond(long trainFrames, long nowNanos) {
        if (!Double.isNaN(iterationFramesPerSecond)) {
            return iterationFramesPerSecond;
        }
        double seconds = (nowNanos - startNanos) / 1e9;
        return seconds > 0 ? (trainFrames - startFrames) / seconds : Double.NaN;
    }

    /** Seconds left, NaN while unknown; never negative (a phase finishes its last episode, so a run may pass its planned frames). */
    synchronized double secondsLeft(long trainFrames, long nowNanos) {
        double fps = framesPerSecond(trainFrames, nowNanos);
        return fps > 0 ? Math.max(0, totalFrames - trainFrames) / fps : Double.NaN;
    }
}
