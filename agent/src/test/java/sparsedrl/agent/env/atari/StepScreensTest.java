package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The step's frame from its screens, with rows unchanged since the previous step reused: on a
 * stream of screens where a few rows change, mixing pooled and single-screen steps, each frame
 * must equal a fresh resize of the gray (or pixelwise max gray) image built from the definition.
 */
class StepScreensTest {
    private static final int H = AleEmulator.SCREEN_HEIGHT;
    private static final int W = AleEmulator.SCREEN_WIDTH;

    @Test
    void everyFrameEqualsAFreshResizeOfItsScreens() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] levels = new int[256];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = rng.nextInt(256);
        }
        StepScreens screens = new StepScreens(new PaletteGrayscale(levels), new AreaResize(H, W, 84, 84), 2);
        // What the emulator shows: two screens that drift a few rows at a time.
        byte[][] shown = {new byte[H * W], new byte[H * W]};
        for (byte[] s : shown) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) (2 * rng.nextInt(4));
            }
        }
        byte[] frame = new byte[84 * 84];
        byte[] expected = new byte[84 * 84];
        for (int step = 0; step < 60; step++) {
            for (byte[] s : shown) {
                for (int c = rng.nextInt(4); c > 0; c--) {
                    int y = rng.nextInt(H);
                    for (int x = 0; x < W; x++) {
                        s[y * W + x] = (byte) rng.nextInt(256);
                    }
                }
            }
            // Mostly pooled steps; now and then a single-screen one (a reset or a game over).
            boolean pooled = step % 7 != 3 && step % 11 != 5;
            screens.startStep();
            System.arraycopy(shown[0], 0, screens.screen(0), 0, H * W);
            if (pooled) {
                System.arraycopy(shown[1], 0, screens.screen(1), 0, H * W);
            }
            screens.render(pooled, frame);

            byte[] gray = new byte[H * W];
            for (int i = 0; i < gray.length; i++) {
                int a = levels[shown[0][i] & 0xFF];
                gray[i] = (byte) (pooled ? Math.max(a, levels[shown[1][i] & 0xFF]) : a);
            }
            new AreaResize(H, W, 84, 84).apply(gray, expected);
            assertArrayEquals(expected, frame, "step " + step + (pooled ? " (pooled)" : " (single)"));
        }
    }

    @Test
    void poolingNeedsTwoScreens() {
        StepScreens one = new StepScreens(new PaletteGrayscale(new int[256]), new AreaResize(H, W, 84, 84), 1);
        one.startStep();
        assertThrows(IllegalStateException.class, () -> one.render(true, new byte[84 * 84]));
        assertThrows(IllegalArgumentException.class,
                () -> new StepScreens(new PaletteGrayscale(new int[256]), new AreaResize(H, W, 84, 84), 3));
    }
}
