package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.roms.TestRoms;

/**
 * The raw baseline of `bench env` must emulate exactly the frames the environment does under the
 * same seed and actions, game overs included; otherwise the overhead compares different game
 * situations. Skipped without ROMs.
 */
class AleRawBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"breakout", "qbert"})
    void playsTheSameFramesAsTheEnvironment(String game) {
        Path roms = TestRoms.requireRom(game);
        EnvConfig config = EnvConfig.defaults().withRomDir(roms);
        long seed = 11;
        try (AtariEnvironment env = AtariEnvironment.open(game, AtariSettings.from(config));
                AleRawBenchmark raw = new AleRawBenchmark(game, AtariSettings.from(config), seed)) {
            env.reset(seed);
            SplittableRandom rng = new SplittableRandom(seed);
            double envReward = 0;
            int gameOvers = 0;
            // In chunks, as the benchmark's rounds alternate between the two.
            for (int chunk = 0; chunk < 6; chunk++) {
                for (int i = 0; i < 500; i++) {
                    var step = env.step(rng.nextInt(env.actionCount()));
                    envReward += step.reward();
                    if (step.done()) {
                        gameOvers++;
                        env.reset();
                    }
                }
                raw.play(500);
                assertEquals(env.emulatorFrames(), raw.frames(), game + ": frames after chunk " + chunk);
                assertEquals(envReward, raw.totalReward(), game + ": rewards after chunk " + chunk);
            }
            assertTrue(gameOvers > 0, game + ": random play should lose a game in 3,000 steps");
            // A game over mid-step ends the step early, so fewer than 4 frames per step in all.
            assertTrue(raw.frames() < 4L * 3000, game + ": " + raw.frames() + " frames");
        }
    }
}
