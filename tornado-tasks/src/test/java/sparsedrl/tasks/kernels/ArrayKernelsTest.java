package sparsedrl.tasks.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArrayKernelsTest {

    @Test
    void transposeMovesEveryElementAcross() {
        int rows = 3;
        int cols = 4;
        float[] src = new float[2 * rows * cols];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        float[] dst = new float[src.length];
        ArrayKernels.transpose(src, dst, rows, cols, 0, 2 * cols);
        for (int m = 0; m < 2; m++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(src[(m * rows + r) * cols + c], dst[(m * cols + c) * rows + r]);
                }
            }
        }
    }

    @Test
    void tiledTransposeEqualsThePlainOneForRaggedTilesAndSplitRanges() {
        int rows = 37;
        int cols = 45;
        float[] src = new float[rows * cols];
        for (int i = 0; i < src.length; i++) {
            src[i] = i * 0.5f - 7f;
        }
        float[] plain = new float[src.length];
        ArrayKernels.transpose(src, plain, rows, cols, 0, cols);
        int tile = 8;
        int blocks = (cols + tile - 1) / tile;
        float[] tiled = new float[src.length];
        ArrayKernels.transposeTiled(src, tiled, rows, cols, tile, 0, 2);
        ArrayKernels.transposeTiled(src, tiled, rows, cols, tile, 2, blocks);
        assertArrayEquals(plain, tiled);
    }

    @Test
    void bytesAreUnsignedAndScaled() {
        byte[] in = {0, 1, (byte) 128, (byte) 255};
        float[] out = new float[4];
        ArrayKernels.scaleBytes(in, 0.5f, out, 0, 4);
        assertArrayEquals(new float[] {0f, 0.5f, 64f, 127.5f}, out);
    }
}
