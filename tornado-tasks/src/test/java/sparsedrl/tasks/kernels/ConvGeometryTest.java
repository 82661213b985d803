package sparsedrl.tasks.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Tiny convolutions small enough to work out by hand, pinning the XLA SAME padding. */
class ConvGeometryTest {

    /**
     * 1-channel 4x4 input 1..16, 2x2 kernel of ones, stride 2, SAME: output 2x2, total pad
     * max((2-1)*2 + 2 - 4, 0) = 0, so each output is the sum of one 2x2 block.
     */
    @Test
    void sameWithoutPadSumsBlocks() {
        float[] in = new float[16];
        for (int i = 0; i < 16; i++) {
            in[i] = i + 1;
        }
        float[] out = new float[4];
        ConvKernels.forward(in, new double[] {1, 1, 1, 1}, out, 4, 4, 1, 2, 2, 1, 2, 2, 0, 0, 0, 2);
        assertArrayEquals(new float[] {14, 22, 46, 54}, out);
    }

    /**
     * 3x3 input 1..9, 2x2 kernel of ones, stride 1, SAME: output 3x3, total pad 1, low 0 high 1 (XLA
     * puts the extra pad after), so out[y][x] sums in[y..y+1][x..x+1] with zeros past the edge.
     */
    @Test
    void sameWithOddPadPadsAfter() {
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] out = new float[9];
        ConvKernels.forward(in, new double[] {1, 1, 1, 1}, out, 3, 3, 1, 3, 3, 1, 2, 1, 0, 0, 0, 3);
        assertArrayEquals(new float[] {12, 16, 9, 24, 28, 15, 15, 17, 9}, out);
    }
}
