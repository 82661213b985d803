package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparsedrl.agent.env.Environment.Step;
import sparsedrl.agent.roms.RomValidator;
import sparsedrl.agent.roms.TestRoms;

/**
 * The wiring of the preprocessing, recomputed step by step from a second emulator fed the same
 * seed and actions: the newest stacked frame must be the area-resized pixelwise max of the
 * grayscale screens of frames 3 and 4 of the step, the reward the sum over the 4 frames, and
 * every older slot the previous newest. (The resize itself is checked against OpenCV in
 * {@link AreaResizeTest}.)
 */
class AtariPreprocessingTest {

    @Test
    void eachStepIsTheResizedMaxOfItsLastTwoFrames() {
        Path roms = TestRoms.requireRom("pong");
        AtariSettings settings = AtariSettings.dopamine(roms);
        try (AtariEnvironment env = AtariEnvironment.open("pong", settings);
                AleEmulator reference = new AleEmulator(RomValidator.validate("atari:pong", "pong", roms),
                        settings.stickyActionProbability(), false)) {
            env.reset(9);
            reference.load(AtariEnvironment.aleSeed(9));
            reference.resetGame();
            int[] actions = reference.actionSet(false);
            AreaResize resize = new AreaResize(210, 160, 84, 84);
            byte[] third = new byte[210 * 160];
            byte[] fourth = new byte[210 * 160];
            byte[] pooled = new byte[210 * 160];
            byte[] expected = new byte[84 * 84];

            reference.grayscale(fourth);
            resize.apply(fourth, expected);
            assertArrayEquals(expected, slot(env.observation(), 3), "reset shows the current screen");

            SplittableRandom rng = new SplittableRandom(9);
            byte[] previous = expected.clone();
            for (int step = 0; step < 200; step++) {
                int action = rng.nextInt(actions.length);
                int reward = 0;
                for (int frame = 0; frame < 4; frame++) {
                    reward += reference.act(actions[action]);
                    if (frame == 2) {
                        reference.grayscale(third);
                    } else if (frame == 3) {
                        reference.grayscale(fourth);
                    }
                }
                for (int i = 0; i < pooled.length; i++) {
                    pooled[i] = (byte) Math.max(third[i] & 0xFF, fourth[i] & 0xFF);
                }
                resize.apply(pooled, expected);

                Step s = env.step(action);
                assertFalse(s.done(), "200 steps stay inside the first game");
                assertEquals(reward, s.reward(), "reward summed over the 4 frames, step " + step);
                assertArrayEquals(expected, slot(env.observation(), 3), "newest frame, step " + step);
                assertArrayEquals(previous, slot(env.observation(), 2), "previous frame, step " + step);
                previous = expected.clone();
            }
        }
    }

    private static byte[] slot(byte[] obs, int slot) {
        byte[] out = new byte[obs.length / 4];
        for (int p = 0; p < out.length; p++) {
            out[p] = obs[p * 4 + slot];
        }
        return out;
    }
}
