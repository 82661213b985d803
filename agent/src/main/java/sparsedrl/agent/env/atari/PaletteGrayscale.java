package sparsedrl.agent.env.atari;

/**
 * Turns ALE screens of palette indices into gray levels with ALE's own luminance table, for one
 * screen or as the pixelwise maximum of two (Dopamine's max-pool of the last two frames).
 *
 * <p>Why not ALE's {@code getScreenGrayscale}: it converts the whole screen natively on every
 * call (about 22 us for 210x160), while the raw indices come over in one bulk copy (about 1 us)
 * and the max-pool of two screens costs a single lookup per pixel in a table of index pairs.
 */
final class PaletteGrayscale {
    private static final int LEVELS = 256;

    private final byte[] gray = new byte[LEVELS];
    /** {@code max(gray[a], gray[b])} at {@code a << 8 | b}: 64 KiB, one load per pooled pixel. */
    private final byte[] maxOfPair = new byte[LEVELS * LEVELS];

    /** {@code grayOfIndex[i]} is the gray level (0..255) of palette index i, for all 256 indices. */
    PaletteGrayscale(int[] grayOfIndex) {
        if (grayOfIndex.length != LEVELS) {
            throw new IllegalArgumentException("a palette has 256 entries, got " + grayOfIndex.length);
        }
        for (int i = 0; i < LEVELS; i++) {
            gray[i] = (byte) grayOfIndex[i];
        }
        for (int a = 0; a < LEVELS; a++) {
            for (int b = 0; b < LEVELS; b++) {
                maxOfPair[a << 8 | b] = (byte) Math.max(grayOfIndex[a], grayOfIndex[b]);
            }
        }
    }

    /** Gray levels (0..255) of {@code out.length} pixels of the screen {@code indices} from pixel {@code from}. */
    void gray(byte[] indices, int from, int[] out) {
        for (int p = 0; p < out.length; p++) {
            out[p] = gray[indices[from + p] & 0xFF] & 0xFF;
        }
    }

    /** Pixelwise maximum of the gray levels of screens {@code a} and {@code b}, likewise. */
    void maxGray(byte[] a, byte[] b, int from, int[] out) {
        for (int p = 0; p < out.length; p++) {
            out[p] = maxOfPair[(a[from + p] & 0xFF) << 8 | (b[from + p] & 0xFF)] & 0xFF;
        }
    }
}
