package sparsedrl.agent.env.atari;

import java.util.SplittableRandom;
import sparsedrl.agent.roms.RomValidator;
import sparsedrl.agent.roms.ValidRom;

/**
 * Raw emulator speed: ALE frames with the same sticky actions but no screen reads and no
 * preprocessing, the baseline the preprocessing overhead is measured against. A random action of
 * the game's action set is held for frameSkip frames, as an agent step would.
 */
public final class AleRawBenchmark implements AutoCloseable {
    private final AleEmulator emulator;
    private final int[] actions;
    private final int hold;
    private final SplittableRandom rng;
    private int action;
    private long played;

    public AleRawBenchmark(String game, AtariSettings settings, long seed) {
        String rom = AtariGames.romName(game);
        ValidRom valid = RomValidator.validate("atari:" + rom, rom, settings.romDir());
        this.emulator = new AleEmulator(valid, settings.stickyActionProbability(), settings.aleLog());
        emulator.load(AtariEnvironment.aleSeed(seed));
        this.actions = emulator.actionSet(settings.fullActionSpace());
        this.hold = settings.frameSkip();
        this.rng = new SplittableRandom(seed);
    }

    /** Plays {@code frames} emulator frames, starting a new game whenever one ends. */
    public void play(int frames) {
        for (int f = 0; f < frames; f++, played++) {
            if (played % hold == 0) {
                action = actions[rng.nextInt(actions.length)];
            }
            emulator.act(action);
            if (emulator.gameOver()) {
                emulator.resetGame();
            }
        }
    }

    @Override
    public void close() {
        emulator.close();
    }
}
