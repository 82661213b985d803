package sparsedrl.agent.run;

/**
 * Time left in a run and where its frame count will end, from its latest whole iteration (training and
 * evaluation phase).
 *
 * <p>An average since the start would promise far too early an end: the first Atari iteration only fills the
 * replay buffer, with no gradient updates, and runs several times faster than the rest. The planned frame
 * count is no sure end either: each phase finishes the episode in progress, so a Pong iteration runs a few
 * thousand frames past its budget, and a frame-based ETA reached zero an iteration before the end, with the
 * last evaluation phase still to run. So the time left is the latest whole iteration's duration for each
 * iteration still to go, less the time the current one has run. Before a whole iteration has been seen (the
 * first one, or the rest of an iteration a resume joined in the middle), the frame rate and the planned
 * frames are all there is.
 */
final class IterationPace {
    private final ProgressStart start;
    private final long startNanos;
    private int iterationsDone;
    private boolean wholeIteration;
    private long iterationStartNanos;
    private long iterationStartFrames;
    private double iterationFramesPerSecond = Double.NaN;
    private double wholeIterationSeconds = Double.NaN;
    private long wholeIterationFrames;

    IterationPace(ProgressStart start, long nowNanos) {
        this.start = start;
        this.iterationsDone = start.iterationsDone();
        this.wholeIteration = start.atIterationStart();
        this.startNanos = nowNanos;
        this.iterationStartNanos = nowNanos;
        this.iterationStartFrames = start.doneFrames();
    }

    /** Marks the end of an iteration at {@code trainFrames} training frames. */
    synchronized void iterationDone(long trainFrames, long nowNanos) {
        double seconds = (nowNanos - iterationStartNanos) / 1e9;
        if (seconds > 0 && trainFrames > iterationStartFrames) {
            iterationFramesPerSecond = (trainFrames - iterationStartFrames) / seconds;
        }
        if (wholeIteration && seconds > 0) {
            wholeIterationSeconds = seconds;
            wholeIterationFrames = trainFrames - iterationStartFrames;
        }
        iterationsDone++;
        wholeIteration = true;
        iterationStartNanos = nowNanos;
        iterationStartFrames = trainFrames;
    }

    /** Training frames per second, counting evaluation time: of the latest iteration once there is one. */
    synchronized double framesPerSecond(long trainFrames, long nowNanos) {
        if (!Double.isNaN(iterationFramesPerSecond)) {
            return iterationFramesPerSecond;
        }
        double seconds = (nowNanos - startNanos) / 1e9;
        return seconds > 0 ? (trainFrames - start.doneFrames()) / seconds : Double.NaN;
    }

    /**
     * Training frames the run will have at its end: the frames at the start of the current iteration plus, for
     * each iteration still to go, the larger of the planned and the latest whole iteration's frames; the planned
     * count while the start of the current iteration is unknown (a resume in its middle).
     */
    synchronized long expectedTotalFrames() {
        if (!wholeIteration) {
            return start.plannedFrames();
        }
        long perIteration = Math.max(start.plannedFrames() / Math.max(1, start.iterations()), wholeIterationFrames);
        return iterationStartFrames + (long) iterationsLeft() * perIteration;
    }

    /** Seconds left, NaN while unknown; never negative. */
    synchronized double secondsLeft(long trainFrames, long nowNanos) {
        if (!Double.isNaN(wholeIterationSeconds)) {
            double left = iterationsLeft() * wholeIterationSeconds
                    - (nowNanos - iterationStartNanos) / 1e9;
            return Math.max(0, left);
        }
        double fps = framesPerSecond(trainFrames, nowNanos);
        return fps > 0 ? Math.max(0, expectedTotalFrames() - trainFrames) / fps : Double.NaN;
    }

    /** Iterations not yet finished, the current one included. */
    private int iterationsLeft() {
        return Math.max(0, start.iterations() - iterationsDone);
    }
}
