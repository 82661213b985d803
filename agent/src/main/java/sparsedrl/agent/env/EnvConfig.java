package sparsedrl.agent.env;

import java.nio.file.Path;
import java.util.Objects;
import sparsedrl.agent.roms.RomDirectory;

/**
 * Options of both environment families. {@link #defaults()} gives the Dopamine values for Atari
 * and the MinAtar values for the small games; the two nullable fields resolve to a per-family
 * default (see {@link #stickyActionProbabilityOr} and {@link #maxEpisodeStepsOr}).
 *
 * @param romDir                  folder with the Atari ROMs ({@code $SPARSEDRL_ROMS} or {@code ./roms})
 * @param stickyActionProbability chance that the previous action repeats; null = family default
 *                                ({@link #ATARI_STICKY_ACTIONS} / {@link #MINATAR_STICKY_ACTIONS})
 * @param frameSkip               Atari: emulator frames per agent step, rewards summed
 * @param frameStack              Atari: frames stacked in the observation (MinAtar always uses 1)
 * @param screenSize              Atari: side of the square resized screen
 * @param maxPoolFrames           Atari: pixelwise max over the last two frames of a step
 * @param terminalOnLifeLoss      Atari: report a lost life as terminal
 * @param noopMax                 Atari: up to this many random no-ops at episode start (0 = none)
 * @param maxEpisodeSteps         agent steps after which an episode is truncated; null = family
 *                                default ({@link #ATARI_MAX_EPISODE_STEPS} / none for MinAtar)
 * @param difficultyRamping       MinAtar: games get faster as they go on
 * @param aleLog                  Atari: let the emulator print its log
 * @param fullActionSpace         Atari: all 18 actions instead of the game's minimal set
 */
public record EnvConfig(
        Path romDir,
        Double stickyActionProbability,
        int frameSkip,
        int frameStack,
        int screenSize,
        boolean maxPoolFrames,
        boolean terminalOnLifeLoss,
        int noopMax,
        Integer maxEpisodeSteps,
        boolean difficultyRamping,
        boolean aleLog,
        boolean fullActionSpace) {

    public static final double ATARI_STICKY_ACTIONS = 0.25;
    public static final double MINATAR_STICKY_ACTIONS = 0.1;
    /** 108,000 emulator frames at frame skip 4. */
    public static final int ATARI_MAX_EPISODE_STEPS = 27_000;

    public EnvConfig {
        Objects.requireNonNull(romDir, "romDir");
        if (stickyActionProbability != null
                && !(stickyActionProbability >= 0.0 && stickyActionProbability <= 1.0)) {
            throw new IllegalArgumentException(
                    "sticky action probability must be in [0, 1]: " + stickyActionProbability);
        }
        requireAtLeast("frame skip", frameSkip, 1);
        requireAtLeast("frame stack", frameStack, 1);
        requireAtLeast("screen size", screenSize, 1);
        requireAtLeast("no-op max", noopMax, 0);
        if (maxEpisodeSteps != null) {
            requireAtLeast("max episode steps", maxEpisodeSteps, 1);
        }
    }

    public static EnvConfig defaults() {
        return new EnvConfig(RomDirectory.defaultDir(), null, 4, 4, 84, true, false, 0, null, true, false, false);
    }

    /** The configured sticky-action probability, or {@code familyDefault} when none is set. */
    public double stickyActionProbabilityOr(double familyDefault) {
        return stickyActionProbability == null ? familyDefault : stickyActionProbability;
    }

    /** The configured episode cap, or {@code familyDefault} (may be null = no cap) when none is set. */
    public Integer maxEpisodeStepsOr(Integer familyDefault) {
        return maxEpisodeSteps == null ? familyDefault : maxEpisodeSteps;
    }

    public EnvConfig withRomDir(Path v) {
        return new EnvConfig(v, stickyActionProbability, frameSkip, frameStack, screenSize, maxPoolFrames,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withStickyActionProbability(Double v) {
        return new EnvConfig(romDir, v, frameSkip, frameStack, screenSize, maxPoolFrames,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withFrameSkip(int v) {
        return new EnvConfig(romDir, stickyActionProbability, v, frameStack, screenSize, maxPoolFrames,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withFrameStack(int v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, v, screenSize, maxPoolFrames,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withScreenSize(int v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, frameStack, v, maxPoolFrames,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withMaxPoolFrames(boolean v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, frameStack, screenSize, v,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withTerminalOnLifeLoss(boolean v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, frameStack, screenSize, maxPoolFrames,
                v, noopMax, maxEpisodeSteps, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withNoopMax(int v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, frameStack, screenSize, maxPoolFrames,
                terminalOnLifeLoss, v, maxEpisodeSteps, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withMaxEpisodeSteps(Integer v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, frameStack, screenSize, maxPoolFrames,
                terminalOnLifeLoss, noopMax, v, difficultyRamping, aleLog, fullActionSpace);
    }

    public EnvConfig withDifficultyRamping(boolean v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, frameStack, screenSize, maxPoolFrames,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, v, aleLog, fullActionSpace);
    }

    public EnvConfig withAleLog(boolean v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, frameStack, screenSize, maxPoolFrames,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, difficultyRamping, v, fullActionSpace);
    }

    public EnvConfig withFullActionSpace(boolean v) {
        return new EnvConfig(romDir, stickyActionProbability, frameSkip, frameStack, screenSize, maxPoolFrames,
                terminalOnLifeLoss, noopMax, maxEpisodeSteps, difficultyRamping, aleLog, v);
    }

    private static void requireAtLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ": " + value);
        }
    }
}
