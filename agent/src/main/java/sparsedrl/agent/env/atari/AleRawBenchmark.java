package sparsedrl.agent.env.atari;

import java.util.SplittableRandom;
import sparsedrl.agent.roms.RomValidator;
import sparsedrl.agent.roms.ValidRom;

/**
 * Raw emulator speed: ALE with the same sticky actions but no screen reads and no preprocessing,
 * the baseline the preprocessing overhead is measured against. It plays agent steps exactly as
 * {@link AtariEnvironment} with default settings does under the same seed and the same random
 * action indices: a step holds its action for frameSkip frames and stops at game over, and a game
 * over or the episode cap starts a new game. The two therefore emulate the very same frames, so
 * the time difference is the preprocessing alone, not the cost of different game situations.
 */
public final class AleRawBenchmark implements AutoCloseable {
    private final AleEmulator emulator;
    private final int[] actions;
    private final int hold;
    private final int maxEpisodeSteps;
    private final SplittableRandom rng;
    private int episodeSteps;
    private double reward;

    public AleRawBenchmark(String game, AtariSettings settings, long seed) {
        String rom = AtariGames.romName(game);
        ValidRom valid = RomValidator.validate("atari:" + rom, rom, settings.romDir());
        this.emulator = new AleEmulator(valid, settings.stickyActionProbability(), settings.aleLog());
        // As AtariEnvironment.reset(seed): load with the seed, then start a game.
        emulator.load(AtariEnvironment.aleSeed(seed));
        emulator.resetGame();
        this.actions = emulator.actionSet(settings.fullActionSpace());
        this.hold = settings.frameSkip();
        this.maxEpisodeSteps = settings.maxEpisodeSteps();
        this.rng = new SplittableRandom(seed);
    }

    /** Plays {@code steps} agent steps of random actions (drawn as {@code rng.nextInt(actionCount)}). */
    public void play(int steps) {
        for (int s = 0; s < steps; s++) {
            int action = actions[rng.nextInt(actions.length)];
            boolean gameOver = false;
            for (int f = 0; f < hold && !gameOver; f++) {
                reward += emulator.act(action);
                gameOver = emulator.gameOver();
            }
            if (gameOver || ++episodeSteps >= maxEpisodeSteps) {
                emulator.resetGame();
                episodeSteps = 0;
            }
        }
    }

    /** Emulator frames played so far. */
    public long frames() {
        return emulator.frames();
    }

    /** Sum of the rewards of all frames played so far. */
    public double totalReward() {
        return reward;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
