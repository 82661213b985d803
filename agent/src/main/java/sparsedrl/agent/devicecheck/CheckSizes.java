package sparsedrl.agent.devicecheck;

/**
 * How much work each step of the device check does. {@link #FULL} is sized to end within 8 minutes on
 * one NVIDIA H200 (16 host cores), {@link #QUICK} within 3; every field can be overridden on the command
 * line to shrink a step further (a slow OpenCL CPU device, a short lease).
 *
 * @param everyCase           every equivalence case and bench configuration; else a subset that still
 *                            covers both networks, dense and sparse, and a mask change
 * @param equivalenceUpdates  updates per equivalence case (at least 3: the masks change after the first,
 *                            the target syncs half-way)
 * @param benchWarmupSeconds  untimed warm-up of each {@code bench update}
 * @param benchWindows        timed windows of each {@code bench update}
 * @param benchWindowSeconds  length of each timed window
 * @param benchEveryDevice    benchmark every listed device, not only the first
 * @param breakoutFrames      frames of the {@code minatar:breakout} training run
 * @param pongIterations      iterations of the {@code atari:pong} training run
 * @param pongTrainSteps      training agent steps per Pong iteration
 * @param pongEvalSteps       evaluation agent steps per Pong iteration
 * @param pongMinReplay       agent steps before Pong's first gradient update (the preset's 20k would
 *                            leave a short run without any)
 */
public record CheckSizes(boolean everyCase, int equivalenceUpdates, double benchWarmupSeconds, int benchWindows,
                         double benchWindowSeconds, boolean benchEveryDevice, long breakoutFrames,
                         int pongIterations, long pongTrainSteps, long pongEvalSteps, long pongMinReplay) {

    public static final CheckSizes FULL = new CheckSizes(true, 6, 2, 3, 2, true, 20_000, 2, 5_000, 2_000, 2_000);
    public static final CheckSizes QUICK = new CheckSizes(false, 4, 1, 2, 1.5, false, 7_000, 2, 1_500, 500, 1_000);

    public CheckSizes {
        if (equivalenceUpdates < 3) {
            throw new IllegalArgumentException("--equivalence-updates must be at least 3, got " + equivalenceUpdates);
        }
        if (!(benchWarmupSeconds >= 0) || benchWindows < 1 || !(benchWindowSeconds > 0)) {
            throw new IllegalArgumentException("--bench-warmup-s must be >= 0, --bench-windows >= 1, --bench-window-s > 0");
        }
        if (breakoutFrames < 1 || pongIterations < 1 || pongTrainSteps < 1 || pongEvalSteps < 1 || pongMinReplay < 1) {
            throw new IllegalArgumentException("training sizes (--breakout-frames, --pong-iterations, --pong-train-steps,"
                    + " --pong-eval-steps, --pong-min-replay) must be >= 1");
        }
    }

    /**
     * Pong's replay holds the whole run, so nothing is evicted and no more memory is taken than it needs;
     * at least one entry more than the warm-up (a warm-up longer than the run means no update at all).
     */
    public long pongReplayCapacity() {
        return Math.max(pongIterations * pongTrainSteps, pongMinReplay + 1);
    }
}
