package sparsedrl.tasks.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The patch-wise kernels that the JVM backend runs give exactly the floats of the plain kernels, for
 * strides, paddings and block splits where patches cross the border: the weight gradient
 * ({@link ConvKernels#backwardWeightsTransposed} vs {@link ConvKernels#backwardWeights}) and the
 * forward pass ({@link ConvKernels#forwardByPositions} vs {@link ConvKernels#forward}); the input
 * gradient ({@link ConvKernels#backwardInputByPatches} vs {@link ConvKernels#backwardInput}) within
 * float rounding, as it adds in another order.
 */
class ConvKernelFormsTest {

    // inH, inW, inC, outC, k, stride, padTop, padLeft (SAME-like low pads and VALID)
    private static final int[][] CASES = {{9, 9, 3, 4, 4, 2, 1, 1}, {9, 9, 3, 4, 4, 2, 0, 0}, {12, 10, 4, 5, 8, 4, 2, 1},
        {6, 6, 2, 3, 3, 1, 1, 1}};

    @Test
    void forwardFormsGiveIdenticalFloats() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int[] c : CASES) {
            int inH = c[0], inW = c[1], inC = c[2], outC = c[3], k = c[4], s = c[5], pt = c[6], pl = c[7];
            int outH = pt == 0 ? (inH - k) / s + 1 : (inH + s - 1) / s;
            int outW = pl == 0 ? (inW - k) / s + 1 : (inW + s - 1) / s;
            int count = 2;
            float[] in = random(count * inH * inW * inC, rng);
            for (int i = 0; i < in.length; i += 4) {
                in[i] = 0f; // as after a ReLU
            }
            float[] w = random(k * k * inC * outC, rng);
            double[] wD = new double[w.length];
            ArrayKernels.toDouble(w, wD, 0, w.length);
            float[] plain = new float[count * outH * outW * outC];
            ConvKernels.forward(in, wD, plain, inH, inW, inC, outH, outW, outC, k, s, pt, pl, 0, count * outH);
            int positions = outH * outW;
            for (int perBlock = 1; perBlock <= positions; perBlock += 3) {
                int items = count * ((positions + perBlock - 1) / perBlock);
                float[] byPositions = new float[plain.length];
                ConvKernels.forwardByPositions(in, w, new double[items * k * k * inC * perBlock],
                        new float[items * outC * perBlock], byPositions, inH, inW, inC, outH, outW, outC, k, s, pt, pl,
                        perBlock, 0, items);
                assertArrayEquals(plain, byPositions, "case " + java.util.Arrays.toString(c) + " block " + perBlock);
            }
        }
    }

    /** Input gradient: scattered patches add the same terms in another order, so equal within rounding. */
    @Test
    void inputGradientFormsAgree() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int[] c : CASES) {
            int inH = c[0], inW = c[1], inC = c[2], outC = c[3], k = c[4], s = c[5], pt = c[6], pl = c[7];
            int outH = pt == 0 ? (inH - k) / s + 1 : (inH + s - 1) / s;
            int outW = pl == 0 ? (inW - k) / s + 1 : (inW + s - 1) / s;
            int count = 3;
            float[] dOut = random(count * outH * outW * outC, rng);
            for (int i = 0; i < dOut.length; i += 3) {
                dOut[i] = 0f;
            }
            float[] w = random(k * k * inC * outC, rng);
            int kk = k * k * inC;
            double[] gatherT = new double[w.length];
            ArrayKernels.transposeToDouble(w, gatherT, inC, outC, 0, k * k * outC);
            float[] gathered = new float[count * inH * inW * inC];
            ConvKernels.backwardInput(dOut, gatherT, gathered, inH, inW, inC, outH, outW, outC, k, s, pt, pl, 0,
                    count * inH);
            double[] patchT = new double[w.length];
            ArrayKernels.transposeToDouble(w, patchT, kk, outC, 0, outC);
            float[] scattered = new float[gathered.length];
            ConvKernels.backwardInputByPatches(dOut, patchT, new float[count * kk], scattered, inH, inW, inC, outH,
                    outW, outC, k, s, pt, pl, 0, count);
            assertArrayEquals(gathered, scattered, 1e-5f, "case " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void weightGradientFormsGiveIdenticalFloats() {
        // inH, inW, inC, outC, k, stride, padTop, padLeft (SAME low pads and VALID)
        SplittableRandom rng = new SplittableRandom(11);
        for (int[] c : CASES) {
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
