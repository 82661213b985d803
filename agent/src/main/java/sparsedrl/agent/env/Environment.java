package sparsedrl.agent.env;

/**
 * A Gymnasium-like episodic environment with a discrete action set and uint8 observations.
 *
 * <p>The observation is what the agent sees: HWC bytes of {@link #shape()}, made of
 * {@code shape().stack()} frames of {@code shape().frameChannels()} channels each, interleaved per
 * pixel (channel index = stackSlot * frameChannels + c, oldest slot first). The replay buffer stores
 * only the newest frame and rebuilds the stack. The returned array is owned by the environment and
 * is overwritten by the next {@code reset}/{@code step}.
 */
public interface Environment extends AutoCloseable {

    /** The id it was created from, e.g. {@code atari:pong} or {@code minatar:breakout}. */
    String id();

    int actionCount();

    ObservationShape shape();

    /** Seeds every random stream of the environment and starts an episode. */
    void reset(long seed);

    /** Starts a new episode, continuing the random streams. */
    void reset();

    /** Current observation (see class comment). */
    byte[] observation();

    /**
     * Applies an action (an index into the action set, checked) and advances one agent step.
     * The reward is unclipped.
     */
    Step step(int action);

    /** Everything needed to continue bit-identically: emulator/game state, RNG state, frame buffers. */
    byte[] saveState();

    void restoreState(byte[] state);

    @Override
    void close();

    /** Outcome of one agent step: terminal = true game over; truncated = time limit reached. */
    record Step(double reward, boolean terminal, boolean truncated) {
        public boolean done() {
            return terminal || truncated;
        }
    }

    /** Observation geometry: height x width x (stack * frameChannels). */
    record ObservationShape(int height, int width, int frameChannels, int stack) {
        public int channels() {
            return frameChannels * stack;
        }

        public int size() {
            return height * width * channels();
        }

        public int frameSize() {
            return height * width * frameChannels;
        }
    }
}
