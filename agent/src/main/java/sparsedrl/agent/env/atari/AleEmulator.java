package sparsedrl.agent.env.atari;

import org.bytedeco.ale.ALEInterface;
import org.bytedeco.ale.ALEState;
import org.bytedeco.ale.ColourPalette;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import sparsedrl.agent.roms.ValidRom;

/**
 * One ALE emulator (JavaCPP presets) with frame skip 1: each {@link #act} is one emulator frame,
 * so the preprocessing can see the individual frames it max-pools. Only ever loads a
 * {@link ValidRom}. Not thread-safe; separate instances may run in separate threads.
 */
final class AleEmulator implements AutoCloseable {
    static final int SCREEN_HEIGHT = 210;
    static final int SCREEN_WIDTH = 160;

    private final ALEInterface ale;
    private final ValidRom rom;
    private final float stickyActionProbability;
    /** Native screen buffer: ALE writes here and one bulk copy brings it over, cheaper than a JNI array. */
    private final BytePointer screen = new BytePointer((long) SCREEN_HEIGHT * SCREEN_WIDTH);
    private long frames;

    AleEmulator(ValidRom rom, double stickyActionProbability, boolean log) {
        AleLogging.configure(log);
        this.rom = rom;
        this.stickyActionProbability = (float) stickyActionProbability;
        this.ale = new ALEInterface();
    }

    /**
     * Seeds ALE's random generator (used by sticky actions) and (re)loads the ROM, which restarts
     * the console: ALE reads {@code random_seed} only when a ROM is loaded.
     */
    void load(int aleSeed) {
        ale.setInt("random_seed", aleSeed);
        ale.setFloat("repeat_action_probability", stickyActionProbability);
        ale.setInt("frame_skip", 1);
        ale.setBool("color_averaging", false);
        // Our own step cap reports truncation; ALE's would end the game silently.
        ale.setInt("max_num_frames_per_episode", 0);
        ale.loadROM(rom.path().toString());
        int height = (int) ale.getScreen().height();
        int width = (int) ale.getScreen().width();
        if (height != SCREEN_HEIGHT || width != SCREEN_WIDTH) {
            throw new IllegalStateException(rom.game() + ": ALE screen is " + height + "x" + width + ", expected "
                    + SCREEN_HEIGHT + "x" + SCREEN_WIDTH);
        }
    }

    /** ALE action ids of the game's minimal set, or all 18 legal actions. */
    int[] actionSet(boolean full) {
        IntPointer set = full ? ale.getLegalActionSet() : ale.getMinimalActionSet();
        int[] ids = new int[(int) set.limit()];
        set.get(ids);
        return ids;
    }

    /** Plays one frame; returns its reward. */
    int act(int aleAction) {
        frames++;
        return ale.act(aleAction);
    }

    boolean gameOver() {
        return ale.game_over();
    }

    int lives() {
        return ale.lives();
    }

    void resetGame() {
        ale.reset_game();
    }

    /** Writes the current 210x160 grayscale screen (ALE's own luminance palette) into {@code out}. */
    void grayscale(byte[] out) {
        ale.getScreenGrayscale(screen);
        screen.position(0).get(out, 0, SCREEN_HEIGHT * SCREEN_WIDTH);
    }

    /**
     * Writes the current 210x160 screen as ALE's palette indices into {@code out}: one bulk copy
     * of the emulator's own buffer, no conversion (see {@link PaletteGrayscale}).
     */
    void paletteIndices(byte[] out) {
        ale.getScreen().getArray().get(out, 0, SCREEN_HEIGHT * SCREEN_WIDTH);
    }

    /** The gray level (0..255) ALE's {@link #grayscale} gives each of the 256 palette indices. */
    int[] grayscalePalette() {
        ColourPalette palette = ale.theOSystem().colourPalette();
        int[] gray = new int[256];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = palette.getGrayscale(i) & 0xFF;
        }
        return gray;
    }

    /** Emulator frames played by this instance so far (for benchmarks). */
    long frames() {
        return frames;
    }

    /** The full emulator state, sticky-action RNG included ({@code cloneState(true)}), serialised. */
    byte[] saveState() {
        try (ALEState state = ale.cloneState(true); BytePointer data = state.serialize()) {
            byte[] out = new byte[(int) data.limit()];
            data.get(out);
            return out;
        }
    }

    void restoreState(byte[] serialized) {
        try (BytePointer data = new BytePointer(serialized); ALEState state = new ALEState(data)) {
            ale.restoreState(state);
        }
    }

    @Override
    public void close() {
        ale.close();
        screen.close();
    }
}
