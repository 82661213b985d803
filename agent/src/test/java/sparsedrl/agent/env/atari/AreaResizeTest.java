package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
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
    void rowSourceGivesTheSameImageAsTheByteFrame() {
        byte[] src = lcg();
        byte[] out = new byte[84 * 84];
        new AreaResize(210, 160, 84, 84).apply((y, row) -> {
            for (int x = 0; x < row.length; x++) {
                row[x] = src[y * 160 + x] & 0xFF;
            }
        }, out);
        byte[] expected = new byte[84 * 84];
        new AreaResize(210, 160, 84, 84).apply(src, expected);
        assertArrayEquals(expected, out);
    }

    /**
     * Against the definition computed independently, in long integers: overlaps straight from the
     * footprints, the sum over every (source, output) pair, the mean rounded half to even. Random
     * shapes (including 1-pixel axes and equal sizes) and images dense in exact .5 ties.
     */
    @Test
    void matchesTheExactMeanOnRandomShapes() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 400; trial++) {
            int srcH = 1 + rng.nextInt(40);
            int srcW = 1 + rng.nextInt(40);
            int dstH = 1 + rng.nextInt(srcH);
            int dstW = 1 + rng.nextInt(srcW);
            byte[] src = new byte[srcH * srcW];
            int levels = trial % 2 == 0 ? 256 : 2;
            for (int i = 0; i < src.length; i++) {
                src[i] = (byte) (levels == 2 ? 255 * rng.nextInt(2) : rng.nextInt(256));
            }
            byte[] out = new byte[dstH * dstW];
            new AreaResize(srcH, srcW, dstH, dstW).apply(src, out);
            assertArrayEquals(exactAreaMean(src, srcH, srcW, dstH, dstW), out,
                    srcH + "x" + srcW + " -> " + dstH + "x" + dstW);
        }
        // The Atari shape, also full of ties.
        byte[] src = new byte[210 * 160];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (255 * rng.nextInt(2));
        }
        byte[] out = new byte[84 * 84];
        new AreaResize(210, 160, 84, 84).apply(src, out);
        assertArrayEquals(exactAreaMean(src, 210, 160, 84, 84), out);
    }

    private static byte[] exactAreaMean(byte[] src, int srcH, int srcW, int dstH, int dstW) {
        byte[] out = new byte[dstH * dstW];
        long denominator = (long) srcH * srcW;
        for (int dy = 0; dy < dstH; dy++) {
            for (int dx = 0; dx < dstW; dx++) {
                long sum = 0;
                for (int y = 0; y < srcH; y++) {
                    long oy = overlap(dy, y, srcH, dstH);
                    for (int x = 0; oy > 0 && x < srcW; x++) {
                        sum += oy * overlap(dx, x, srcW, dstW) * (src[y * srcW + x] & 0xFF);
                    }
                }
                long q = sum / denominator;
                long twiceRest = 2 * (sum % denominator);
                if (twiceRest > denominator || (twiceRest == denominator && q % 2 == 1)) {
                    q++;
                }
                out[dy * dstW + dx] = (byte) q;
            }
        }
        return out;
    }

    /** Length of [d*src, (d+1)*src) ∩ [s*dst, (s+1)*dst): output pixel d over source pixel s, in 1/dst units. */
    private static long overlap(int d, int s, int src, int dst) {
        long lo = Math.max((long) d * src, (long) s * dst);
        long hi = Math.min((long) (d + 1) * src, (long) (s + 1) * dst);
        return Math.max(0, hi - lo);
    }

    /**
     * A stream of images where a few random rows change each time, from a source that says which
     * rows are unchanged: every output must equal the exact mean of its whole image (computed
     * independently), with the kept output rows as well as the redone ones.
     */
    @Test
    void unchangedRowsReusedAcrossImagesGiveTheExactMean() {
        SplittableRandom rng = new SplittableRandom(8);
        int h = 210;
        int w = 160;
        AreaResize resize = new AreaResize(h, w, 84, 84);
        byte[] image = lcg();
        byte[] last = null;
        int readRows = 0;
        for (int step = 0; step < 30; step++) {
            boolean[] changed = new boolean[h];
            int changes = step == 0 ? 0 : rng.nextInt(6);
            for (int c = 0; c < changes; c++) {
                int y = rng.nextInt(h);
                changed[y] = true;
                for (int x = 0; x < w; x++) {
                    image[y * w + x] = (byte) rng.nextInt(256);
                }
            }
            byte[] current = image.clone();
            int[] reads = new int[1];
            byte[] out = new byte[84 * 84];
            resize.apply(new AreaResize.RowSource() {
                @Override
                public void row(int y, int[] row) {
                    reads[0]++;
                    for (int x = 0; x < w; x++) {
                        row[x] = current[y * w + x] & 0xFF;
                    }
                }

                @Override
                public boolean unchanged(int y) {
                    // The first image is claimed unchanged throughout: it must be read anyway.
                    return !changed[y];
                }
            }, out);
            assertArrayEquals(exactAreaMean(current, h, w, 84, 84), out, "image " + step);
            if (step == 0) {
                assertTrue(reads[0] == h, "the first image is read whole: " + reads[0]);
            } else {
                readRows += reads[0];
                if (changes == 0) {
                    assertArrayEquals(last, out, "nothing changed, image " + step);
                }
            }
            last = out;
        }
        assertTrue(readRows <= 29 * 5, "only changed rows are read: " + readRows);
    }

    @Test
    void refusesToEnlargeAndSourcesTooLargeForExactSums() {
        assertThrows(IllegalArgumentException.class, () -> new AreaResize(10, 10, 11, 10));
        assertThrows(IllegalArgumentException.class, () -> new AreaResize(300, 300, 84, 84));
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
