package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparsedrl.agent.roms.RomValidator;
import sparsedrl.agent.roms.TestRoms;

/**
 * The palette path against ALE's own grayscale screens, and the max-pool against a per-pixel
 * max of two looked-up levels.
 */
class PaletteGrayscaleTest {

    @Test
    void maxIsPerPixelUnsignedOverAllIndexPairs() {
        int[] levels = new int[256];
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < levels.length; i++) {
            levels[i] = rng.nextInt(256);
        }
        PaletteGrayscale palette = new PaletteGrayscale(levels);
        byte[] a = new byte[256 * 256];
        byte[] b = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i >>> 8);
            b[i] = (byte) i;
        }
        int[] pooled = new int[a.length];
        palette.maxGray(a, b, 0, pooled);
        int[] single = new int[a.length];
        palette.gray(b, 0, single);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Math.max(levels[i >>> 8], levels[i & 0xFF]), pooled[i], "pair " + i);
            assertEquals(levels[i & 0xFF], single[i], "index " + (i & 0xFF));
        }
        int[] row = new int[3];
        palette.maxGray(a, b, 257, row);
        assertArrayEquals(new int[] {pooled[257], pooled[258], pooled[259]}, row, "reads from the given pixel");
    }

    /** Real frames of each study game: palette indices through the table equal getScreenGrayscale. */
    @ParameterizedTest
    @ValueSource(strings = {"pong", "breakout", "qbert", "ms_pacman", "space_invaders"})
    void paletteGrayEqualsAleGrayscaleOnRealFrames(String game) {
        Path roms = TestRoms.requireRom(game);
        try (AleEmulator ale = new AleEmulator(RomValidator.validate("atari:" + game, game, roms), 0.25, false)) {
            ale.load(3);
            ale.resetGame();
            PaletteGrayscale palette = new PaletteGrayscale(ale.grayscalePalette());
            int[] actions = ale.actionSet(false);
            SplittableRandom rng = new SplittableRandom(3);
            byte[] indices = new byte[210 * 160];
            byte[] expected = new byte[210 * 160];
            int[] gray = new int[210 * 160];
            for (int frame = 0; frame < 600; frame++) {
                ale.act(actions[rng.nextInt(actions.length)]);
                if (ale.gameOver()) {
                    ale.resetGame();
                }
                if (frame % 20 == 0) {
                    ale.paletteIndices(indices);
                    ale.grayscale(expected);
                    palette.gray(indices, 0, gray);
                    for (int p = 0; p < gray.length; p++) {
                        assertEquals(expected[p] & 0xFF, gray[p], game + " frame " + frame + " pixel " + p);
                    }
                }
            }
        }
    }
}
