package sparsedrl.agent.env.minatar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;
import sparsedrl.tasks.random.SplitMix64;

/** The environment wrapper: seeding, determinism, save/restore, sticky actions, caps, misuse. */
class MinAtarEnvironmentTest {
    private static final Map<String, Integer> CHANNELS =
            Map.of("breakout", 4, "spaceinvaders", 6, "asterix", 4, "freeway", 7, "seaquest", 10);

    /** Runs {@code steps} random actions (resetting after each episode) and fingerprints every step. */
    private static List<String> play(Environment env, long actionSeed, int steps) {
        SplitMix64 actions = new SplitMix64(actionSeed);
        List<String> trace = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Environment.Step step = env.step(actions.nextInt(env.actionCount()));
            CRC32 crc = new CRC32();
            crc.update(env.observation());
            trace.add(step + " " + crc.getValue());
            if (step.done()) {
                env.reset();
            }
        }
        return trace;
    }

    private static MinAtarEnvironment open(String game) {
        return MinAtarEnvironment.create(game, EnvConfig.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"asterix", "breakout", "freeway", "seaquest", "spaceinvaders"})
    void describesItself(String game) {
        try (MinAtarEnvironment env = open(game)) {
            assertEquals("minatar:" + game, env.id());
            assertEquals(6, env.actionCount());
            assertEquals(new Environment.ObservationShape(10, 10, CHANNELS.get(game), 1), env.shape());
            env.reset(0);
            byte[] obs = env.observation();
            assertEquals(env.shape().size(), obs.length);
            for (byte b : obs) {
                assertTrue(b == 0 || b == 1, "observations are 0/1 bytes");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asterix", "breakout", "freeway", "seaquest", "spaceinvaders"})
    void sameSeedAndActionsGiveTheSameTrajectoryAndOtherSeedsDiffer(String game) {
        try (MinAtarEnvironment a = open(game); MinAtarEnvironment b = open(game)) {
            a.reset(42);
            b.reset(42);
            List<String> first = play(a, 7, 3000);
            assertEquals(first, play(b, 7, 3000));
            a.reset(43);
            assertNotEquals(first, play(a, 7, 3000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asterix", "breakout", "freeway", "seaquest", "spaceinvaders"})
    void aRestoredEnvironmentContinuesBitIdentically(String game) {
        try (MinAtarEnvironment original = open(game); MinAtarEnvironment copy = open(game)) {
            original.reset(5);
            play(original, 1, 137);
            byte[] saved = original.saveState();
            byte[] observation = original.observation().clone();

            copy.reset(99);
            play(copy, 2, 50);
            copy.restoreState(saved);
            assertArrayEquals(observation, copy.observation());
            assertArrayEquals(saved, copy.saveState());
            assertEquals(play(original, 3, 2000), play(copy, 3, 2000));
        }
    }

    @Test
    void resetWithTheSameSeedRestartsTheSameEpisodeWhileResetContinuesTheStream() {
        try (MinAtarEnvironment env = open("asterix")) {
            env.reset(8);
            List<String> first = play(env, 4, 60);
            env.reset(8);
            assertEquals(first, play(env, 4, 60));
            env.reset();
            assertNotEquals(first, play(env, 4, 60));
        }
    }

    @Test
    void stateFromAnotherGameOrGarbageIsRejected() {
        try (MinAtarEnvironment breakout = open("breakout"); MinAtarEnvironment freeway = open("freeway")) {
            breakout.reset(1);
            freeway.reset(1);
            byte[] state = breakout.saveState();
            assertThrows(IllegalArgumentException.class, () -> freeway.restoreState(state));
            assertThrows(IllegalArgumentException.class, () -> freeway.restoreState(new byte[] {1, 2, 3}));
            byte[] truncated = Arrays.copyOf(state, state.length - 3);
            assertThrows(IllegalArgumentException.class, () -> breakout.restoreState(truncated));
        }
    }

    @Test
    void misuseIsReported() {
        try (MinAtarEnvironment env = open("seaquest")) {
            assertThrows(IllegalStateException.class, () -> env.step(0), "step before reset");
            env.reset(3);
            assertThrows(IllegalArgumentException.class, () -> env.step(6));
            assertThrows(IllegalArgumentException.class, () -> env.step(-1));
            // Surfacing at once without a diver ends Seaquest: down, then up.
            EnvConfig noSticky = EnvConfig.defaults().withStickyActionProbability(0.0);
            try (MinAtarEnvironment exact = MinAtarEnvironment.create("seaquest", noSticky)) {
                exact.reset(3);
                exact.step(Action.DOWN);
                assertTrue(exact.step(Action.UP).terminal());
                assertThrows(IllegalStateException.class, () -> exact.step(0), "step after the episode ended");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> open("pong"));
    }

    @Test
    void stickyActionsRepeatThePreviousAction() {
        // With probability 1 the no-op an episode starts with repeats forever: the chicken never moves.
        EnvConfig alwaysSticky = EnvConfig.defaults().withStickyActionProbability(1.0);
        try (MinAtarEnvironment env = MinAtarEnvironment.create("freeway", alwaysSticky)) {
            env.reset(2);
            for (int t = 0; t < 40; t++) {
                env.step(Action.UP);
            }
            assertEquals(9, chickenRow(env));
        }
        EnvConfig neverSticky = EnvConfig.defaults().withStickyActionProbability(0.0);
        try (MinAtarEnvironment env = MinAtarEnvironment.create("freeway", neverSticky)) {
            env.reset(2);
            env.step(Action.NOOP);
            env.step(Action.NOOP);
            env.step(Action.NOOP);
            env.step(Action.UP);
            assertEquals(8, chickenRow(env), "the chicken's first move is allowed on frame 4");
        }
    }

    @Test
    void maxEpisodeStepsTruncatesWithoutEndingTheGame() {
        EnvConfig capped = EnvConfig.defaults().withMaxEpisodeSteps(10);
        try (MinAtarEnvironment env = MinAtarEnvironment.create("freeway", capped)) {
            env.reset(1);
            for (int t = 1; t < 10; t++) {
                assertFalse(env.step(Action.NOOP).done());
            }
            Environment.Step last = env.step(Action.NOOP);
            assertTrue(last.truncated());
            assertFalse(last.terminal());
            assertEquals(10, env.episodeSteps());
            env.reset();
            assertEquals(0, env.episodeSteps());
        }
    }

    private static int chickenRow(MinAtarEnvironment env) {
        return rowWith(env, FreewayGame.CHICKEN, 4);
    }

    private static int rowWith(MinAtarEnvironment env, int channel, int col) {
        byte[] obs = env.observation();
        int channels = env.shape().channels();
        for (int row = 0; row < 10; row++) {
            if (obs[(row * 10 + col) * channels + channel] == 1) {
                return row;
            }
        }
        return -1;
    }
}
