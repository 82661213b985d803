package sparsedrl.agent.env.atari;

import java.util.Arrays;

/**
 * The palette-index screens a step reads (the last two frames, or one), turned into the step's
 * resized gray frame. The screens of the previous step are kept (two buffers swapped at each
 * step), so the resize is told which rows are unchanged since the image it made last and redoes
 * only the output rows under changed ones. Not thread-safe: one per environment.
 */
final class StepScreens {
    /** What an image was made of: screen 0 alone, or the pixelwise max of screens 0 and 1. */
    private enum Kind { SINGLE, POOLED }

    private static final int WIDTH = AleEmulator.SCREEN_WIDTH;

    private final PaletteGrayscale palette;
    private final AreaResize resize;
    private byte[][] current;
    private byte[][] previous;
    /** What the last image was made of; null before the first. */
    private Kind lastKind;
    private final AreaResize.RowSource singleRows = new AreaResize.RowSource() {
        @Override
        public void row(int y, int[] out) {
            palette.gray(current[0], y * WIDTH, out);
        }

        @Override
        public boolean unchanged(int y) {
            return lastKind == Kind.SINGLE && sameRow(0, y);
        }
    };
    private final AreaResize.RowSource pooledRows = new AreaResize.RowSource() {
        @Override
        public void row(int y, int[] out) {
            palette.maxGray(current[0], current[1], y * WIDTH, out);
        }

        @Override
        public boolean unchanged(int y) {
            return lastKind == Kind.POOLED && sameRow(0, y) && sameRow(1, y);
        }
    };

    /** {@code count} screens (1 or 2) of AleEmulator's size, resized by {@code resize}. */
    StepScreens(PaletteGrayscale palette, AreaResize resize, int count) {
        if (count < 1 || count > 2) {
            throw new IllegalArgumentException("a step pools one or two screens, got " + count);
        }
        this.palette = palette;
        this.resize = resize;
        this.current = new byte[count][resize.srcSize()];
        this.previous = new byte[count][resize.srcSize()];
    }

    int count() {
        return current.length;
    }

    /** Starts a step: the screens read so far become the previous ones. */
    void startStep() {
        byte[][] t = previous;
        previous = current;
        current = t;
    }

    /** Screen {@code k} of this step, for the emulator to fill. */
    byte[] screen(int k) {
        return current[k];
    }

    /** Writes the resized gray frame of screen 0, or of the pixelwise max of screens 0 and 1. */
    void render(boolean pooled, byte[] frame) {
        if (pooled && current.length < 2) {
            throw new IllegalStateException("pooling needs two screens");
        }
        resize.apply(pooled ? pooledRows : singleRows, frame);
        lastKind = pooled ? Kind.POOLED : Kind.SINGLE;
    }

    private boolean sameRow(int k, int y) {
        int from = y * WIDTH;
        return Arrays.equals(current[k], from, from + WIDTH, previous[k], from, from + WIDTH);
    }
}
