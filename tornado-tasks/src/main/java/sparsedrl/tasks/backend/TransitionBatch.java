package sparsedrl.tasks.backend;

/**
 * A minibatch in flat, reusable arrays (filled in place by the replay buffer, no per-step
 * allocation). States are uint8 NHWC, {@code size * inputSize} bytes each.
 */
public final class TransitionBatch {
    public final int size;
    public final int inputSize;
    public final byte[] states;
    public final byte[] nextStates;
    public final int[] actions;
    public final float[] rewards;
    /** 1 when the transition ended the game (no bootstrap), else 0. */
    public final float[] terminals;

    public TransitionBatch(int size, int inputSize) {
        this.size = size;
        this.inputSize = inputSize;
        this.states = new byte[size * inputSize];
        this.nextStates = new byte[size * inputSize];
        this.actions = new int[size];
        this.rewards = new float[size];
        this.terminals = new float[size];
    }
}
