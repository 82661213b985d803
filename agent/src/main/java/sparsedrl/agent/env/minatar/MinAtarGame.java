package sparsedrl.agent.env.minatar;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import sparsedrl.tasks.random.SplitMix64;

/**
 * The rules of one MinAtar game: its state, one frame of dynamics and the rendering into binary
 * channels. Sticky actions, seeding, time limits and the observation buffer belong to
 * {@link MinAtarEnvironment}. The random generator is shared with the environment (as in MinAtar,
 * where the sticky-action draw and the game draw from one stream), so saving the environment's
 * generator and the game's fields captures everything.
 */
abstract class MinAtarGame {
    static final int SIZE = Frame.SIZE;

    protected final SplitMix64 rng;
    protected final boolean ramping;

    MinAtarGame(SplitMix64 rng, boolean ramping) {
        this.rng = rng;
        this.ramping = ramping;
    }

    /** Lower-case game name, as in the id {@code minatar:<name>}. */
    abstract String name();

    abstract int channels();

    /** Puts the game in its start state (may draw random numbers). */
    abstract void reset();

    /** Advances one frame under {@code action} (one of {@link Action}) and returns the reward. */
    abstract int act(int action);

    abstract boolean terminal();

    /** Writes the current state into a cleared frame. */
    abstract void render(Frame frame);

    abstract void writeState(DataOutput out) throws IOException;

    abstract void readState(DataInput in) throws IOException;

    /** Chance {@code 1/2}: MinAtar's {@code rand() < 1/2}. */
    protected boolean coinFlip() {
        return rng.nextDouble() < 0.5;
    }

    protected static void writeCells(DataOutput out, boolean[] cells) throws IOException {
        for (boolean cell : cells) {
            out.writeBoolean(cell);
        }
    }

    protected static void readCells(DataInput in, boolean[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            cells[i] = in.readBoolean();
        }
    }

    protected static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
