package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;
import sparsedrl.agent.env.Environment.Step;
import sparsedrl.agent.roms.RomException;
import sparsedrl.agent.roms.TestRoms;

/** The real emulator (skipped without ROMs) and the ROM checks that must stop before it. */
class AtariEnvironmentTest {
    private static final int OBS_BYTES = 84 * 84 * 4;

    @TempDir
    Path tmp;

    /**
     * One study game: 1,000 random agent steps. Action counts from SPEC section 2; the return bounds
     * are what these games can give in 1,000 steps (Pong: -21..21 per game; the others never lose
     * points).
     */
    @ParameterizedTest
    @CsvSource({
        "pong, 6, -21, 21",
        "breakout, 4, 0, 432",
        "qbert, 6, 0, 100000",
        "ms_pacman, 9, 0, 100000",
        "space_invaders, 6, 0, 100000",
    })
    void playsAThousandRandomSteps(String game, int actions, double minReturn, double maxReturn) {
        Path roms = TestRoms.requireRom(game);
        try (Environment env = AtariEnvironment.create(game, EnvConfig.defaults().withRomDir(roms))) {
            assertEquals("atari:" + game, env.id());
            assertEquals(actions, env.actionCount());
            assertEquals(new Environment.ObservationShape(84, 84, 1, 4), env.shape());
            env.reset(3);
            assertEquals(OBS_BYTES, env.observation().length);
            SplittableRandom rng = new SplittableRandom(5);
            double episodeReturn = 0;
            int nonZeroRewards = 0;
            boolean sawNonBlackPixel = false;
            for (int i = 0; i < 1000; i++) {
                Step s = env.step(rng.nextInt(env.actionCount()));
                assertEquals(Math.rint(s.reward()), s.reward(), "Atari rewards are integers");
                episodeReturn += s.reward();
                nonZeroRewards += s.reward() != 0 ? 1 : 0;
                sawNonBlackPixel |= anyNonZero(env.observation());
                if (s.done()) {
                    assertReturnWithin(game, episodeReturn, minReturn, maxReturn);
                    episodeReturn = 0;
                    env.reset();
                }
            }
            assertReturnWithin(game, episodeReturn, minReturn, maxReturn);
            assertTrue(sawNonBlackPixel, "observations are never all black");
            if (!game.equals("breakout")) {
                // Random play scores (or concedes, in Pong) within 1,000 steps in these games.
                assertTrue(nonZeroRewards > 0, game + ": no reward in 1,000 random steps");
            }
        }
    }

    @Test
    void resetZeroFillsTheStackAndStepsShiftIt() {
        try (AtariEnvironment env = pong()) {
            env.reset(1);
            byte[] first = slot(env.observation(), 3);
            assertTrue(anyNonZero(first), "the first frame is the screen");
            for (int s = 0; s < 3; s++) {
                assertFalse(anyNonZero(slot(env.observation(), s)), "slot " + s + " must be zero at reset");
            }
            env.step(0);
            assertArrayEquals(first, slot(env.observation(), 2), "the newest frame moves one slot older");
            assertFalse(anyNonZero(slot(env.observation(), 1)));
        }
    }

    @Test
    void sameSeedGivesTheSameEpisodeAndOtherSeedsDiffer() {
        try (AtariEnvironment a = pong(); AtariEnvironment b = pong()) {
            long first = rollout(a, 11, 400);
            assertEquals(first, rollout(b, 11, 400), "same seed, other instance");
            assertEquals(first, rollout(a, 11, 400), "same seed, same instance after reuse");
            // Sticky actions (p = 0.25 per frame) draw from ALE's seeded generator.
            assertNotEquals(first, rollout(b, 12, 400));
        }
    }

    @Test
    void parallelEnvironmentsMatchASerialRun() throws Exception {
        long serial;
        try (AtariEnvironment env = pong()) {
            serial = rollout(env, 21, 300);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> runs = List.of(pool.submit(this::pongRollout), pool.submit(this::pongRollout));
            for (Future<Long> run : runs) {
                assertEquals(serial, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void restoredStateContinuesBitIdentically() {
        try (AtariEnvironment a = pong(); AtariEnvironment b = pong()) {
            a.reset(8);
            SplittableRandom rng = new SplittableRandom(2);
            for (int i = 0; i < 300; i++) {
                a.step(rng.nextInt(a.actionCount()));
            }
            byte[] state = a.saveState();
            int[] actions = rng.ints(400, 0, a.actionCount()).toArray();
            b.reset(99);
            b.step(1);
            b.restoreState(state);
            assertArrayEquals(a.observation(), b.observation());
            for (int action : actions) {
                Step sa = a.step(action);
                Step sb = b.step(action);
                assertEquals(sa, sb);
                assertArrayEquals(a.observation(), b.observation());
                if (sa.done()) {
                    a.reset();
                    b.reset();
                }
            }
        }
    }

    @Test
    void episodeCapIsATruncationNotATerminal() {
        EnvConfig config = EnvConfig.defaults().withRomDir(TestRoms.requireRom("pong")).withMaxEpisodeSteps(25);
        try (Environment env = AtariEnvironment.create("pong", config)) {
            env.reset(4);
            for (int i = 1; i < 25; i++) {
                assertFalse(env.step(0).done());
            }
            Step last = env.step(0);
            assertTrue(last.truncated());
            assertFalse(last.terminal());
            assertThrows(IllegalStateException.class, () -> env.step(0));
        }
    }

    @Test
    void lifeLossIsTerminalAndTheNextResetContinuesTheGame() {
        Path roms = TestRoms.requireRom("breakout");
        EnvConfig config = EnvConfig.defaults().withRomDir(roms).withTerminalOnLifeLoss(true);
        try (AtariEnvironment env = (AtariEnvironment) AtariEnvironment.create("breakout", config)) {
            env.reset(6);
            assertEquals(5, env.lives(), "Breakout starts with 5 lives");
            SplittableRandom rng = new SplittableRandom(6);
            int terminals = 0;
            for (int i = 0; i < 20_000 && terminals < 5; i++) {
                if (env.step(rng.nextInt(env.actionCount())).terminal()) {
                    terminals++;
                    assertEquals(5 - terminals, env.lives(), "one terminal per life");
                    env.reset();
                    if (terminals < 5) {
                        assertEquals(5 - terminals, env.lives(), "a soft reset keeps the game");
                        for (int s = 0; s < 3; s++) {
                            assertFalse(anyNonZero(slot(env.observation(), s)), "stack restarts zero-filled");
                        }
                    } else {
                        assertEquals(5, env.lives(), "after game over reset starts a new game");
                    }
                }
            }
            assertEquals(5, terminals);
        }
    }

    @Test
    void noOpStartsAreSeeded() {
        Path roms = TestRoms.requireRom("pong");
        EnvConfig config = EnvConfig.defaults().withRomDir(roms).withNoopMax(30);
        try (Environment a = AtariEnvironment.create("pong", config); Environment b = AtariEnvironment.create("pong", config)) {
            assertEquals(rollout(a, 17, 200), rollout(b, 17, 200));
        }
    }

    @Test
    void actionsOutsideTheSetAreRejectedInJava() {
        try (AtariEnvironment env = pong()) {
            env.reset(0);
            assertThrows(IllegalArgumentException.class, () -> env.step(6));
            assertThrows(IllegalArgumentException.class, () -> env.step(-1));
        }
    }

    @Test
    void aliasesAndFullActionSpace() {
        Path roms = TestRoms.requireRom("ms_pacman");
        try (Environment env = AtariEnvironment.create("mspacman", EnvConfig.defaults().withRomDir(roms)
                .withFullActionSpace(true))) {
            assertEquals("atari:ms_pacman", env.id());
            assertEquals(18, env.actionCount());
        }
    }

    @Test
    void badRomStopsBeforeTheEmulator() throws Exception {
        // Each of these would abort the JVM inside loadROM; reaching the asserts proves they did not.
        EnvConfig config = EnvConfig.defaults().withRomDir(tmp);
        RomException missing = assertThrows(RomException.class, () -> AtariEnvironment.create("pong", config));
        assertTrue(missing.getMessage().contains("atari:pong") && missing.getMessage().contains("roms install"));
        Files.write(tmp.resolve("space_invaders.bin"), new byte[4096]);
        RomException corrupt = assertThrows(RomException.class,
                () -> AtariEnvironment.create("spaceinvaders", config));
        assertTrue(corrupt.getMessage().startsWith("atari:space_invaders:"), corrupt.getMessage());
        Files.createDirectory(tmp.resolve("qbert.bin"));
        assertThrows(RomException.class, () -> AtariEnvironment.create("qbert", config));
        assertThrows(IllegalArgumentException.class, () -> AtariEnvironment.create("not_a_game", config));
    }

    private long pongRollout() {
        try (AtariEnvironment env = pong()) {
            return rollout(env, 21, 300);
        }
    }

    private static AtariEnvironment pong() {
        return AtariEnvironment.open("pong", AtariSettings.dopamine(TestRoms.requireRom("pong")));
    }

    /** A hash of every observation and reward of {@code steps} random steps from {@code reset(seed)}. */
    private static long rollout(Environment env, long seed, int steps) {
        env.reset(seed);
        SplittableRandom rng = new SplittableRandom(seed);
        long hash = Arrays.hashCode(env.observation());
        for (int i = 0; i < steps; i++) {
            Step s = env.step(rng.nextInt(env.actionCount()));
            hash = hash * 31 + Arrays.hashCode(env.observation());
            hash = hash * 31 + Double.hashCode(s.reward()) + (s.done() ? 7 : 0);
            if (s.done()) {
                env.reset();
            }
        }
        return hash;
    }

    private static byte[] slot(byte[] obs, int slot) {
        byte[] out = new byte[obs.length / 4];
        for (int p = 0; p < out.length; p++) {
            out[p] = obs[p * 4 + slot];
        }
        return out;
    }

    private static boolean anyNonZero(byte[] a) {
        for (byte b : a) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    private static void assertReturnWithin(String game, double r, double min, double max) {
        assertTrue(r >= min && r <= max, game + ": return " + r + " outside [" + min + ", " + max + "]");
    }
}
