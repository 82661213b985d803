package sparsedrl.agent.env.atari;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;
import sparsedrl.agent.roms.RomValidator;
import sparsedrl.agent.roms.ValidRom;

/**
 * An Atari game through ALE with Dopamine's preprocessing (SPEC section 3): sticky actions inside
 * ALE, frame skip with summed rewards, pixelwise max of the grayscale screens of the last two
 * frames of a step, area resize to screenSize x screenSize, a zero-filled stack of the last
 * frames. Rewards are returned unclipped; the agent clips them for learning.
 *
 * <p>Episodes: {@code terminal} on game over (or on a lost life when terminalOnLifeLoss is set;
 * the following {@link #reset()} then continues the same game, as Dopamine's runner does);
 * {@code truncated} after maxEpisodeSteps agent steps.
 */
public final class AtariEnvironment implements Environment {
    private static final int NOOP = 0;
    private static final int STATE_FORMAT = 1;

    private final String id;
    private final AtariSettings settings;
    private final AleEmulator emulator;
    private final int[] actions;
    private final ObservationShape shape;
    private final FrameStack stack;
    /** Palette-index screens of the last frames of a step; one when pooling is off or frameSkip is 1. */
    private final StepScreens screens;
    private final byte[] frame;

    private long noopRngState;
    private int episodeSteps;
    private int lives;
    private boolean inEpisode;
    /** The last step ended on a lost life, not on game over: reset() continues the game. */
    private boolean lifeLost;

    private AtariEnvironment(String game, ValidRom rom, AtariSettings settings) {
        this.id = "atari:" + game;
        this.settings = settings;
        this.emulator = new AleEmulator(rom, settings.stickyActionProbability(), settings.aleLog());
        PaletteGrayscale palette;
        try {
            emulator.load(aleSeed(0));
            this.actions = emulator.actionSet(settings.fullActionSpace());
            palette = new PaletteGrayscale(emulator.grayscalePalette());
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        int side = settings.screenSize();
        this.shape = new ObservationShape(side, side, 1, settings.frameStack());
        AreaResize resize = new AreaResize(AleEmulator.SCREEN_HEIGHT, AleEmulator.SCREEN_WIDTH, side, side);
        this.stack = new FrameStack(settings.frameStack(), side * side);
        int pooledFrames = settings.maxPoolFrames() ? Math.min(2, settings.frameSkip()) : 1;
        this.screens = new StepScreens(palette, resize, pooledFrames);
        this.frame = new byte[side * side];
    }

    /** The factory's entry point: {@code game} is an ALE ROM name or alias ({@code mspacman}). */
    public static Environment create(String game, EnvConfig config) {
        return open(game, AtariSettings.from(config));
    }

    /**
     * Validates the ROM in Java (never handing ALE an unchecked file), then starts the emulator.
     *
     * @throws IllegalArgumentException for an unknown game name
     * @throws sparsedrl.agent.roms.RomException for a missing, unreadable or corrupt ROM
     */
    public static AtariEnvironment open(String game, AtariSettings settings) {
        String rom = AtariGames.romName(game);
        ValidRom valid = RomValidator.validate("atari:" + rom, rom, settings.romDir());
        return new AtariEnvironment(rom, valid, settings);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int actionCount() {
        return actions.length;
    }

    @Override
    public ObservationShape shape() {
        return shape;
    }

    public AtariSettings settings() {
        return settings;
    }

    /** Lives left in the current game, as ALE reports them. */
    public int lives() {
        return emulator.lives();
    }

    /** Emulator frames played since this environment was opened. */
    public long emulatorFrames() {
        return emulator.frames();
    }

    @Override
    public void reset(long seed) {
        emulator.load(aleSeed(seed));
        noopRngState = seed ^ 0x5DEECE66DL;
        lifeLost = false;
        startEpisode();
    }

    @Override
    public void reset() {
        startEpisode();
    }

    private void startEpisode() {
        if (!lifeLost) {
            emulator.resetGame();
            int noops = settings.noopMax() == 0 ? 0 : (int) Long.remainderUnsigned(nextNoopRandom(), settings.noopMax() + 1);
            // No-op starts count emulator frames, as baselines' NoopResetEnv (below its frame skip).
            for (int i = 0; i < noops; i++) {
                emulator.act(NOOP);
                if (emulator.gameOver()) {
                    emulator.resetGame();
                }
            }
        }
        lifeLost = false;
        lives = emulator.lives();
        episodeSteps = 0;
        inEpisode = true;
        // As Dopamine: the first observation is the current screen (its max with a zero frame).
        screens.startStep();
        emulator.paletteIndices(screens.screen(0));
        screens.render(false, frame);
        stack.reset(frame);
    }

    @Override
    public byte[] observation() {
        return stack.observation();
    }

    @Override
    public Step step(int action) {
        if (action < 0 || action >= actions.length) {
            throw new IllegalArgumentException(id + ": action " + action + " is outside the action set [0, "
                    + actions.length + ")");
        }
        if (!inEpisode) {
            throw new IllegalStateException(id + ": the episode is over; call reset() first");
        }
        int aleAction = actions[action];
        int skip = settings.frameSkip();
        int firstPooled = skip - screens.count();
        screens.startStep();
        double reward = 0;
        boolean gameOver = false;
        boolean lostLife = false;
        for (int t = 0; t < skip; t++) {
            reward += emulator.act(aleAction);
            gameOver = emulator.gameOver();
            lostLife = settings.terminalOnLifeLoss() && emulator.lives() < lives;
            if (gameOver || lostLife) {
                // The episode ends mid-step: the observation is the final screen (Dopamine would
                // pool stale buffers here; a terminal observation never enters a TD target).
                emulator.paletteIndices(screens.screen(0));
                break;
            }
            if (t >= firstPooled) {
                emulator.paletteIndices(screens.screen(t - firstPooled));
            }
        }
        boolean pooled = screens.count() == 2 && !(gameOver || lostLife);
        screens.render(pooled, frame);
        stack.push(frame);
        episodeSteps++;
        lives = emulator.lives();
        boolean terminal = gameOver || lostLife;
        boolean truncated = !terminal && episodeSteps >= settings.maxEpisodeSteps();
        lifeLost = lostLife && !gameOver;
        inEpisode = !(terminal || truncated);
        return new Step(reward, terminal, truncated);
    }

    @Override
    public byte[] saveState() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(STATE_FORMAT);
            out.writeUTF(id);
            byte[] ale = emulator.saveState();
            out.writeInt(ale.length);
            out.write(ale);
            out.writeLong(noopRngState);
            out.writeInt(episodeSteps);
            out.writeInt(lives);
            out.writeBoolean(inEpisode);
            out.writeBoolean(lifeLost);
            for (byte[] f : stack.oldestFirst()) {
                out.write(f);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restoreState(byte[] state) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
            int format = in.readInt();
            String savedId = in.readUTF();
            if (format != STATE_FORMAT || !savedId.equals(id)) {
                throw new IllegalArgumentException(id + ": cannot restore a state saved by " + savedId
                        + " (format " + format + ")");
            }
            byte[] ale = new byte[in.readInt()];
            in.readFully(ale);
            long rng = in.readLong();
            int steps = in.readInt();
            int savedLives = in.readInt();
            boolean savedInEpisode = in.readBoolean();
            boolean savedLifeLost = in.readBoolean();
            byte[][] frames = new byte[settings.frameStack()][frame.length];
            for (byte[] f : frames) {
                in.readFully(f);
            }
            emulator.restoreState(ale);
            noopRngState = rng;
            episodeSteps = steps;
            lives = savedLives;
            inEpisode = savedInEpisode;
            lifeLost = savedLifeLost;
            stack.load(frames);
        } catch (IOException e) {
            throw new IllegalArgumentException(id + ": truncated or corrupt environment state", e);
        }
    }

    @Override
    public void close() {
        emulator.close();
    }

    /** ALE takes a non-negative int seed: the top 31 bits of a SplitMix64 scramble of ours. */
    static int aleSeed(long seed) {
        return (int) (mix(seed) >>> 33);
    }

    private long nextNoopRandom() {
        noopRngState += 0x9E3779B97F4A7C15L;
        return mix(noopRngState);
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
