package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Area resize against hand computations and against OpenCV's INTER_AREA: the two .bin resources are
 * {@code cv2.resize(img, (84, 84), interpolation=cv2.INTER_AREA)} (opencv-python 5.0) of the
 * synthetic 210x160 frames built by {@link #pattern()} and {@link #lcg()}.
 */
class AreaResizeTest {

    @Test
    void integerFactorAveragesBlocks() {
        byte[] src = {
            0, 2, (byte) 200, (byte) 255,
            4, 6, (byte) 250, (byte) 255,
            1, 1, 9, 9,
            1, 2, 9, 9,
        };
        byte[] dst = new byte[4];
        new AreaResize(4, 4, 2, 2).apply(src, dst);
        // (0+2+4+6)/4 = 3; (200+255+250+255)/4 = 240; (1+1+1+2)/4 = 1.25 -> 1; 9.
        assertArrayEquals(new byte[] {3, (byte) 240, 1, 9}, dst);
    }

    @Test
    void fractionalFootprintWeighsPartialPixels() {
        // One row of 5 pixels to 2: each output covers 2.5 pixels, the middle one shared half-half.
        byte[] src = {10, 20, 30, 40, 50};
        byte[] dst = new byte[2];
        new AreaResize(1, 5, 1, 2).apply(src, dst);
        // (10 + 20 + 0.5*30) / 2.5 = 18; (0.5*30 + 40 + 50) / 2.5 = 42.
        assertArrayEquals(new byte[] {18, 42}, dst);
        // 3 -> 2: each output is (its full pixel + half the middle one) / 1.5 = (0 + 1.5) / 1.5 = 1.
        byte[] out = new byte[2];
        new AreaResize(1, 3, 1, 2).apply(new byte[] {0, 3, 0}, out);
        assertArrayEquals(new byte[] {1, 1}, out);
    }

    @Test
    void exactHalvesRoundToEven() {
        // Two pixels to one: the mean of each pair is an exact .5 tie.
        byte[] src = {1, 2, 2, 3, 3, 4, (byte) 254, (byte) 255};
        byte[] dst = new byte[4];
        new AreaResize(4, 2, 4, 1).apply(src, dst);
        assertArrayEquals(new byte[] {2, 2, 4, (byte) 254}, dst);
    }

    @Test
    void matchesOpenCvOnAPatternFrame() throws IOException {
        byte[] out = new byte[84 * 84];
        new AreaResize(210, 160, 84, 84).apply(pattern(), out);
        assertArrayEquals(resource("cv2-area-pattern-84x84.u8"), out);
    }

    @Test
    void matchesOpenCvOnARandomFrameUpToFloatTies() throws IOException {
        byte[] out = new byte[84 * 84];
        new AreaResize(210, 160, 84, 84).apply(lcg(), out);
        byte[] expected = resource("cv2-area-lcg-84x84.u8");
        int differing = 0;
        for (int i = 0; i < out.length; i++) {
            int d = Math.abs((out[i] & 0xFF) - (expected[i] & 0xFF));
            assertTrue(d <= 1, "pixel " + i + " differs by " + d);
            differing += d;
        }
        // cv2 sums in float and can round an exact .5 tie the other way; that happens once here.
        assertTrue(differing <= 1, differing + " pixels differ from cv2");
    }

    @Test
    void maxPoolIsUnsignedAndPrecedesTheAverage() {
        byte[] a = {(byte) 200, 5, 0, 7};
        byte[] b = {100, (byte) 255, 0, 9};
        byte[] same = new byte[4];
        new AreaResize(1, 4, 1, 4).applyToMax(a, b, same);
        assertArrayEquals(new byte[] {(byte) 200, (byte) 255, 0, 9}, same);
        byte[] one = new byte[1];
        new AreaResize(2, 2, 1, 1).applyToMax(a, b, one);
        // (200 + 255 + 0 + 9) / 4 = 116.
        assertArrayEquals(new byte[] {116}, one);
    }

    @Test
    void pooledResizeEqualsResizeOfThePixelwiseMax() {
        byte[] a = pattern();
        byte[] b = lcg();
        byte[] max = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            max[i] = (byte) Math.max(a[i] & 0xFF, b[i] & 0xFF);
        }
        AreaResize resize = new AreaResize(210, 160, 84, 84);
        byte[] expected = new byte[84 * 84];
        resize.apply(max, expected);
        byte[] fused = new byte[84 * 84];
        resize.applyToMax(a, b, fused);
        assertArrayEquals(expected, fused);
    }

    @Test
    void refusesToEnlarge() {
        assertThrows(IllegalArgumentException.class, () -> new AreaResize(10, 10, 11, 10));
    }

    static byte[] pattern() {
        byte[] img = new byte[210 * 160];
        for (int y = 0; y < 210; y++) {
            for (int x = 0; x < 160; x++) {
                img[y * 160 + x] = (byte) ((y * 31 + x * 17 + ((y * x) % 7) * 11) % 256);
            }
        }
        return img;
    }

    /** Top byte of a 64-bit LCG (Knuth's MMIX constants) from seed 12345. */
    static byte[] lcg() {
        byte[] img = new byte[210 * 160];
        long s = 12345;
        for (int i = 0; i < img.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            img[i] = (byte) (s >>> 56);
        }
        return img;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AreaResizeTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
