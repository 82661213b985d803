package sparsedrl.tasks.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The patch-wise weight gradient that the JVM backend runs ({@link ConvKernels#backwardWeightsTransposed})
 * gives exactly the floats of the plain row-block kernel ({@link ConvKernels#backwardWeights}), for
 * strides, paddings and block splits where patches cross the border.
 */
class ConvWeightGradientFormsTest {

    @Test
    void bothFormsGiveIdenticalFloats() {
        // inH, inW, inC, outC, k, stride, padTop, padLeft (SAME low pads and VALID)
        int[][] cases = {{9, 9, 3, 4, 4, 2, 1, 1}, {9, 9, 3, 4, 4, 2, 0, 0}, {12, 10, 4, 5, 8, 4, 2, 1}, {6, 6, 2, 3, 3, 1, 1, 1}};
        SplittableRandom rng = new SplittableRandom(11);
        for (int[] c : cases) {
            int inH = c[0], inW = c[1], inC = c[2], outC = c[3], k = c[4], s = c[5], pt = c[6], pl = c[7];
            int outH = pt == 0 ? (inH - k) / s + 1 : (inH + s - 1) / s;
            int outW = pl == 0 ? (inW - k) / s + 1 : (inW + s - 1) / s;
            int count = 2;
            float[] in = random(count * inH * inW * inC, rng);
            float[] dOut = random(count * outH * outW * outC, rng);
            for (int i = 0; i < dOut.length; i += 3) {
                dOut[i] = 0f; // as after a ReLU
            }
            double[] dOutD = new double[dOut.length];
            ArrayKernels.toDouble(dOut, dOutD, 0, dOut.length);
            int kk = k * k * inC;
            float[] plain = new float[kk * outC];
            ConvKernels.backwardWeights(in, dOutD, plain, count, inH, inW, inC, outH, outW, outC, k, s, pt, pl, 1,
                    0, kk);
            for (int perBlock = 1; perBlock <= outC; perBlock++) {
                int blocks = (outC + perBlock - 1) / perBlock;
                float[] transposed = new float[kk * outC];
                double[] patches = new double[blocks * outW * kk];
                ConvKernels.backwardWeightsTransposed(in, dOut, patches, transposed, count, inH, inW, inC, outH, outW,
                        outC, k, s, pt, pl, perBlock, 0, blocks);
                float[] patchWise = new float[kk * outC];
                ArrayKernels.transpose(transposed, patchWise, outC, kk, 0, kk);
                assertArrayEquals(plain, patchWise, "case " + java.util.Arrays.toString(c) + " block " + perBlock);
            }
        }
    }

    private static float[] random(int n, SplittableRandom rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }
}
