package sparsedrl.agent.env.atari;

import java.nio.file.Path;
import sparsedrl.agent.env.EnvConfig;

/**
 * Resolved Atari options; {@link #dopamine(Path)} gives Dopamine's atari_lib values (SPEC section 3).
 *
 * @param romDir                    folder holding {@code <game>.bin}
 * @param stickyActionProbability   ALE's {@code repeat_action_probability}, per emulator frame (0.25)
 * @param frameSkip                 emulator frames per agent step, rewards summed (4)
 * @param frameStack                frames in the observation (4)
 * @param screenSize                side of the square resized frame (84)
 * @param maxPoolFrames             pixelwise max over the last two frames of a step (true)
 * @param terminalOnLifeLoss        report a lost life as terminal (false)
 * @param noopMax                   a random number in [0, noopMax] of no-op emulator frames at episode start (0: none)
 * @param maxEpisodeSteps           agent steps after which an episode is truncated (27,000)
 * @param fullActionSpace           all 18 actions instead of the game's minimal set (false)
 * @param aleLog                    let ALE print its banner and console log (false)
 */
public record AtariSettings(Path romDir, double stickyActionProbability, int frameSkip, int frameStack,
        int screenSize, boolean maxPoolFrames, boolean terminalOnLifeLoss, int noopMax, int maxEpisodeSteps,
        boolean fullActionSpace, boolean aleLog) {

    public AtariSettings {
        if (romDir == null) {
            throw new IllegalArgumentException("romDir is required");
        }
        if (!(stickyActionProbability >= 0 && stickyActionProbability <= 1)) {
            throw new IllegalArgumentException("sticky action probability must be in [0, 1], got " + stickyActionProbability);
        }
        requireAtLeast("frame skip", frameSkip, 1);
        requireAtLeast("frame stack", frameStack, 1);
        requireAtLeast("no-op maximum", noopMax, 0);
        requireAtLeast("episode step limit", maxEpisodeSteps, 1);
        if (screenSize < 1 || screenSize > AleEmulator.SCREEN_WIDTH) {
            throw new IllegalArgumentException("screen size must be in [1, " + AleEmulator.SCREEN_WIDTH
                    + "] (area resize only shrinks), got " + screenSize);
        }
    }

    /** Resolves the family defaults of {@code config} for Atari. */
    public static AtariSettings from(EnvConfig config) {
        return new AtariSettings(config.romDir(), config.stickyActionProbabilityOr(EnvConfig.ATARI_STICKY_ACTIONS),
                config.frameSkip(), config.frameStack(), config.screenSize(), config.maxPoolFrames(),
                config.terminalOnLifeLoss(), config.noopMax(), config.maxEpisodeStepsOr(EnvConfig.ATARI_MAX_EPISODE_STEPS),
                config.fullActionSpace(), config.aleLog());
    }

    /** Dopamine's values (SPEC section 3) with ROMs from {@code romDir}. */
    public static AtariSettings dopamine(Path romDir) {
        return from(EnvConfig.defaults().withRomDir(romDir));
    }

    private static void requireAtLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
    }
}
