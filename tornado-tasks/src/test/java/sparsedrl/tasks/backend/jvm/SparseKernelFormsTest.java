package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.kernels.SparseKernels;

/**
 * The sparse kernels against direct loops written from their definitions: the plain forms of
 * {@link SparseKernels} and the Vector API forms of {@link SparseSimd} (the layers run one or the
 * other, so SparseLayerTest covers only the form this JVM picks). Lengths that are not whole vectors
 * exercise the masked tails; offsets that overlap exercise accumulation in order.
 */
class SparseKernelFormsTest {

    private static final double TOLERANCE = 1e-5;

    /** Lists over 3 blocks: list l has entries with arbitrary (overlapping) operand offsets. */
    @ParameterizedTest(name = "len {0} accumulate {1}")
    @CsvSource({"1,0", "7,0", "16,1", "37,0", "64,1", "100,1", "133,0"})
    void combineListsMatchesItsDefinition(int len, int accumulate) {
        SplittableRandom rng = new SplittableRandom(len * 31L + accumulate);
        int blocks = 3;
        int lists = 5;
        int xBlock = 4 * len + 3;
        int[] start = {0, 2, 2, 6, 7, 11};
        int entries = start[lists];
        int[] offsets = new int[entries];
        for (int j = 0; j < entries; j++) {
            offsets[j] = rng.nextInt(xBlock - len + 1);
        }
        float[] values = SparseLayerTest.random(rng, entries);
        float[] x = SparseLayerTest.random(rng, blocks * xBlock);
        int yBlock = lists * len + 2;
        int[] yOffsets = {2, 0, len + 2, 2 * len + 2, 3 * len + 2}; // lists 0 and 1 overlap
        float[] y0 = SparseLayerTest.random(rng, blocks * yBlock);

        float[] expected = y0.clone();
        for (int blk = 0; blk < blocks; blk++) {
            for (int l = 0; l < lists; l++) {
                int o = blk * yBlock + yOffsets[l];
                for (int i = 0; i < len; i++) {
                    double sum = accumulate == 1 ? expected[o + i] : 0;
                    for (int j = start[l]; j < start[l + 1]; j++) {
                        sum += (double) values[j] * x[blk * xBlock + offsets[j] + i];
                    }
                    expected[o + i] = (float) sum;
                }
            }
        }
        float[] plain = y0.clone();
        SparseKernels.combineLists(x, xBlock, values, start, offsets, plain, yBlock, yOffsets, lists, len, accumulate,
                0, blocks * lists);
        assertClose(expected, plain);
        assumeTrue(VectorSupport.available(), "no Vector API in this JVM");
        float[] simd = y0.clone();
        SparseSimd.combineLists(x, xBlock, values, start, offsets, simd, yBlock, yOffsets, lists, len, accumulate,
                0, blocks * lists);
        assertClose(expected, simd);
    }

    @ParameterizedTest(name = "len {0}")
    @CsvSource({"1", "9", "32", "45", "144"})
    void activeWeightGradMatchesItsDefinition(int len) {
        SplittableRandom rng = new SplittableRandom(len);
        int blocks = 6; // more than one pass of WEIGHT_GRAD_BLOCKS
        int rows = 4;
        int cols = 7;
        // row 0: 5 entries (a group of four and one), row 1: none, row 2: 4, row 3: 2
        int[] rowStart = {0, 5, 5, 9, 11};
        int[] rowCol = {0, 1, 3, 4, 6, 0, 2, 5, 6, 1, 2};
        int[] rowFlat = new int[rowCol.length];
        for (int r = 0; r < rows; r++) {
            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                rowFlat[j] = r * cols + rowCol[j];
            }
        }
        int xBlock = rows * len + 5;
        int[] xOffsets = {5, 0, 2 * len, 3 * len + 1};
        int gStride = len + 1;
        int gBlock = cols * gStride;
        float[] x = SparseLayerTest.random(rng, blocks * xBlock);
        float[] g = SparseLayerTest.random(rng, blocks * gBlock);

        float[] expected = new float[rows * cols];
        Arrays.fill(expected, Float.NaN); // inactive positions stay untouched
        for (int r = 0; r < rows; r++) {
            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                double sum = 0;
                for (int blk = 0; blk < blocks; blk++) {
                    for (int i = 0; i < len; i++) {
                        sum += (double) x[blk * xBlock + xOffsets[r] + i] * g[blk * gBlock + rowCol[j] * gStride + i];
                    }
                }
                expected[rowFlat[j]] = (float) sum;
            }
        }
        float[] plain = new float[rows * cols];
        Arrays.fill(plain, Float.NaN);
        SparseKernels.activeWeightGrad(x, xBlock, xOffsets, g, gBlock, gStride, rowStart, rowCol, rowFlat, plain,
                blocks, len, 0, rows);
        assertClose(expected, plain);
        assumeTrue(VectorSupport.available(), "no Vector API in this JVM");
        float[] simd = new float[rows * cols];
        Arrays.fill(simd, Float.NaN);
        SparseSimd.activeWeightGrad(x, xBlock, xOffsets, g, gBlock, gStride, rowStart, rowCol, rowFlat, simd,
                blocks, len, 1, 3); // a slice of rows
        SparseSimd.activeWeightGrad(x, xBlock, xOffsets, g, gBlock, gStride, rowStart, rowCol, rowFlat, simd,
                blocks, len, 0, 1);
        SparseSimd.activeWeightGrad(x, xBlock, xOffsets, g, gBlock, gStride, rowStart, rowCol, rowFlat, simd,
                blocks, len, 3, 4);
        assertClose(expected, simd);
    }

    /**
     * Phases of a 7x6x2 image, stride 3, padding 2/1: every phase element from its definition (padding
     * left as it was), and back.
     */
    @Test
    void phaseCopyMatchesItsDefinitionBothWays() {
        int inH = 7;
        int inW = 6;
        int inC = 2;
        int stride = 3;
        int padTop = 2;
        int padLeft = 1;
        int phaseH = 3; // covers padded rows 0..8: image rows 0..6
        int phaseW = 2; // covers padded columns 0..5: image columns 0..4, column 5 uncovered
        int plane = phaseH * phaseW;
        int sampleStride = stride * stride * inC * plane + 3;
        int samples = 2;
        SplittableRandom rng = new SplittableRandom(5);
        float[] image = SparseLayerTest.random(rng, samples * inH * inW * inC);
        float[] phases = SparseLayerTest.random(rng, samples * sampleStride);
        float[] before = phases.clone();
        SparseKernels.phaseCopy(image, phases, sampleStride, 1, inH, inW, inC, stride, padTop, padLeft, phaseH, phaseW,
                0, samples);
        for (int b = 0; b < samples; b++) {
            for (int py = 0; py < stride; py++) {
                for (int px = 0; px < stride; px++) {
                    for (int ic = 0; ic < inC; ic++) {
                        for (int y = 0; y < phaseH; y++) {
                            for (int x = 0; x < phaseW; x++) {
                                int iy = y * stride + py - padTop;
                                int ix = x * stride + px - padLeft;
                                boolean inside = iy >= 0 && iy < inH && ix >= 0 && ix < inW;
                                int at = b * sampleStride + ((py * stride + px) * inC + ic) * plane + y * phaseW + x;
                                // padding positions are the caller's (kept 0): not written
                                float want = inside ? image[((b * inH + iy) * inW + ix) * inC + ic] : before[at];
                                assertEquals(want, phases[at], 0f, "phase element " + at);
                            }
                        }
                    }
                }
            }
            for (int i = stride * stride * inC * plane; i < sampleStride; i++) {
                assertEquals(before[b * sampleStride + i], phases[b * sampleStride + i], 0f, "beyond the planes");
            }
        }
        float[] back = SparseLayerTest.random(rng, image.length);
        SparseKernels.phaseCopy(back, phases, sampleStride, 0, inH, inW, inC, stride, padTop, padLeft, phaseH, phaseW,
                0, samples);
        for (int b = 0; b < samples; b++) {
            for (int iy = 0; iy < inH; iy++) {
                for (int ix = 0; ix < inW; ix++) {
                    for (int ic = 0; ic < inC; ic++) {
                        int at = ((b * inH + iy) * inW + ix) * inC + ic;
                        boolean covered = ix + padLeft < phaseW * stride && iy + padTop < phaseH * stride;
                        assertEquals(covered ? image[at] : 0f, back[at], 0f, "image element " + at);
                    }
                }
            }
        }
    }

    @Test
    void transposeCoversEveryTileEdge() {
        SplittableRandom rng = new SplittableRandom(3);
        int rows = 19;
        int cols = 35; // neither a multiple of the tile
        int sStride = cols + 4;
        int dStride = rows + 2;
        float[] src = SparseLayerTest.random(rng, 3 + rows * sStride);
        float[] dst = new float[1 + cols * dStride];
        SparseKernels.transpose(src, 3, sStride, dst, 1, dStride, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(src[3 + r * sStride + c], dst[1 + c * dStride + r], 0f);
            }
        }
        assertEquals(0f, dst[0], 0f);
    }

    /** The gathering and scattering vector transposes against the plain one (5 and 37 strided rows). */
    @ParameterizedTest(name = "strided {0} x contiguous {1}")
    @CsvSource({"5,11", "37,21", "32,3"})
    void vectorTransposesMatchThePlainOne(int strided, int contiguous) {
        assumeTrue(VectorSupport.available(), "no Vector API in this JVM");
        SplittableRandom rng = new SplittableRandom(strided * 100L + contiguous);
        int stride = contiguous + 7;
        int[] starts = new int[(strided + 15) / 16 * 16]; // padded with 0, as the layer pads its map
        for (int i = 0; i < strided; i++) {
            starts[i] = i * stride;
        }
        // gathering: strided source rows [strided][contiguous] -> [contiguous][strided] (row stride strided + 2)
        float[] src = SparseLayerTest.random(rng, 4 + strided * stride);
        float[] plain = new float[3 + contiguous * (strided + 2)];
        float[] simd = plain.clone();
        SparseKernels.transpose(src, 4, stride, plain, 3, strided + 2, strided, contiguous);
        SparseSimd.transposeGathering(src, 4, starts, simd, 3, strided + 2, strided, contiguous);
        assertClose(plain, simd);
        // scattering: contiguous source rows [contiguous][strided] (row stride strided + 1) -> strided rows
        float[] src2 = SparseLayerTest.random(rng, 2 + contiguous * (strided + 1));
        float[] plain2 = new float[5 + strided * stride];
        float[] simd2 = plain2.clone();
        SparseKernels.transpose(src2, 2, strided + 1, plain2, 5, stride, contiguous, strided);
        SparseSimd.transposeScattering(src2, 2, strided + 1, simd2, 5, starts, contiguous, strided);
        assertClose(plain2, simd2);
    }

    private static void assertClose(float[] expected, float[] actual) {
        double max = 0;
        for (float e : expected) {
            max = Float.isNaN(e) ? max : Math.max(max, Math.abs(e));
        }
        double tol = TOLERANCE * (1 + max);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertEquals(Float.NaN, actual[i], 0f, "untouched element " + i);
            } else {
                assertEquals(expected[i], actual[i], tol, "element " + i);
            }
        }
    }
}
