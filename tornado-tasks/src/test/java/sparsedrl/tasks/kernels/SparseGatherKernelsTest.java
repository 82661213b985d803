package sparsedrl.tasks.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.backend.ActiveLists;

/**
 * The gather-form sparse kernels (the TornadoVM backend's sparse path) against the convolution and
 * its two gradients written out from their definitions over the masked kernel, in double: strides
 * 1, 2 and 4, SAME-like and VALID padding, kernels larger than the stride, a dense layer (1x1 image,
 * 1x1 kernel), densities from nearly empty to full, and the range split in two (every output must
 * come from one iteration alone).
 */
class SparseGatherKernelsTest {

    // inH, inW, inC, outC, k, stride, padTop, padLeft
    private static final int[][] CASES = {{9, 9, 3, 4, 4, 2, 1, 1}, {9, 9, 3, 4, 4, 2, 0, 0}, {12, 10, 4, 5, 8, 4, 2, 1},
        {6, 6, 2, 3, 3, 1, 1, 1}, {7, 5, 3, 6, 3, 2, 1, 0}, {1, 1, 40, 7, 1, 1, 0, 0}};
    private static final double[] DENSITIES = {0.02, 0.1, 0.5, 1.0};
    private static final int COUNT = 3;

    private record Layer(int inH, int inW, int inC, int outH, int outW, int outC, int k, int s, int pt, int pl) {
        static Layer of(int[] c) {
            int inH = c[0], inW = c[1], k = c[4], s = c[5], pt = c[6], pl = c[7];
            int outH = pt == 0 ? (inH - k) / s + 1 : (inH + s - 1) / s;
            int outW = pl == 0 ? (inW - k) / s + 1 : (inW + s - 1) / s;
            return new Layer(inH, inW, c[2], outH, outW, c[3], k, s, pt, pl);
        }

        int[] geometry() {
            return SparseGatherKernels.geometry(inH, inW, inC, outH, outW, outC, k, s, pt, pl);
        }

        int rows() {
            return k * k * inC;
        }

        int inIndex(int b, int y, int x, int c) {
            return ((b * inH + y) * inW + x) * inC + c;
        }

        int outIndex(int b, int y, int x, int c) {
            return ((b * outH + y) * outW + x) * outC + c;
        }

        /** Calls {@code tap(b, oy, ox, inputIndex, kernelRow)} for every in-image tap of every output position. */
        void forEachTap(TapVisitor v) {
            for (int b = 0; b < COUNT; b++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = oy * s + ky - pt;
                                int ix = ox * s + kx - pl;
                                if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
                                    continue;
                                }
                                for (int ic = 0; ic < inC; ic++) {
                                    v.tap(b, oy, ox, inIndex(b, iy, ix, ic), (ky * k + kx) * inC + ic);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private interface TapVisitor {
        void tap(int b, int oy, int ox, int inIndex, int row);
    }

    /** The lists as the device keeps them: {@code flat} (active flat indices) -1 padded to the kernel size. */
    private record Lists(int[] colStart, int[] colRow, int[] rowStart, int[] rowCol, int[] flat) {
        static Lists of(float[] mask, int rows, int cols) {
            int n = ActiveLists.count(mask);
            Lists l = new Lists(new int[cols + 1], new int[n], new int[rows + 1], new int[n], new int[rows * cols]);
            ActiveLists.build(mask, rows, cols, l.rowStart, l.rowCol, l.flat, l.colStart, l.colRow, null, null, -1);
            return l;
        }
    }

    @Test
    void forwardIsTheMaskedConvolution() {
        SplittableRandom rng = new SplittableRandom(21);
        forEachCase(rng, (c, mask, w, lists) -> {
            float[] in = random(COUNT * c.inH * c.inW * c.inC, rng);
            double[] want = new double[COUNT * c.outH * c.outW * c.outC];
            c.forEachTap((b, oy, ox, i, r) -> {
                for (int oc = 0; oc < c.outC; oc++) {
                    want[c.outIndex(b, oy, ox, oc)] += (double) in[i] * w[r * c.outC + oc] * mask[r * c.outC + oc];
                }
            });
            float[] got = new float[want.length];
            int half = got.length / 2;
            SparseGatherKernels.forward(in, w, lists.colStart, lists.colRow, got, c.geometry(), 0, half);
            SparseGatherKernels.forward(in, w, lists.colStart, lists.colRow, got, c.geometry(), half, got.length);
            return compare(want, got);
        });
    }

    @Test
    void inputGradientIsTheTransposedMaskedConvolution() {
        SplittableRandom rng = new SplittableRandom(22);
        forEachCase(rng, (c, mask, w, lists) -> {
            float[] gradOut = random(COUNT * c.outH * c.outW * c.outC, rng);
            double[] want = new double[COUNT * c.inH * c.inW * c.inC];
            c.forEachTap((b, oy, ox, i, r) -> {
                for (int oc = 0; oc < c.outC; oc++) {
                    want[i] += (double) gradOut[c.outIndex(b, oy, ox, oc)] * w[r * c.outC + oc] * mask[r * c.outC + oc];
                }
            });
            float[] got = new float[want.length];
            Arrays.fill(got, Float.NaN); // every element must be written
            int half = got.length / 3;
            SparseGatherKernels.inputGradient(gradOut, w, lists.rowStart, lists.rowCol, got, c.geometry(), 0, half);
            SparseGatherKernels.inputGradient(gradOut, w, lists.rowStart, lists.rowCol, got, c.geometry(), half,
                    got.length);
            return compare(want, got);
        });
    }

    @Test
    void weightGradientAtActivePositionsAndZeroElsewhere() {
        SplittableRandom rng = new SplittableRandom(23);
        forEachCase(rng, (c, mask, w, lists) -> {
            float[] in = random(COUNT * c.inH * c.inW * c.inC, rng);
            float[] gradOut = random(COUNT * c.outH * c.outW * c.outC, rng);
            double[] want = new double[w.length];
            c.forEachTap((b, oy, ox, i, r) -> {
                for (int oc = 0; oc < c.outC; oc++) {
                    want[r * c.outC + oc] += (double) in[i] * gradOut[c.outIndex(b, oy, ox, oc)];
                }
            });
            for (int f = 0; f < want.length; f++) {
                want[f] *= mask[f];
            }
            float[] got = new float[w.length];
            Arrays.fill(got, 7f); // a stale dense gradient: inactive positions must become 0
            // Slices of the positions as a device runs them (3, or fewer when there are fewer positions),
            // each step's range split in two.
            int slices = Math.min(3, COUNT * c.outH * c.outW);
            int items = slices * lists.flat.length;
            float[] partial = new float[slices * w.length];
            Arrays.fill(partial, Float.NaN); // read only at active entries, which every slice writes
            SparseGatherKernels.weightGradientPartials(in, gradOut, lists.flat, partial, c.geometry(), COUNT, slices,
                    w.length, 0, items / 2);
            SparseGatherKernels.weightGradientPartials(in, gradOut, lists.flat, partial, c.geometry(), COUNT, slices,
                    w.length, items / 2, items);
            SparseGatherKernels.sumActiveSlices(partial, mask, got, w.length, slices, 0, w.length / 2);
            SparseGatherKernels.sumActiveSlices(partial, mask, got, w.length, slices, w.length / 2, w.length);
            return compare(want, got);
        });
    }

    private interface CaseCheck {
        /** Returns how many values were compared. */
        int run(Layer c, float[] mask, float[] w, Lists lists);
    }

    private static void forEachCase(SplittableRandom rng, CaseCheck check) {
        int compared = 0;
        for (int[] spec : CASES) {
            Layer c = Layer.of(spec);
            for (double density : DENSITIES) {
                int n = c.rows() * c.outC;
                float[] mask = new float[n];
                for (int f = 0; f < n; f++) {
                    mask[f] = rng.nextDouble() < density ? 1f : 0f;
                }
                float[] w = random(n, rng);
                for (int f = 0; f < n; f++) {
                    w[f] *= mask[f]; // inactive weights are 0, as the backends keep them
                }
                compared += check.run(c, mask, w, Lists.of(mask, c.rows(), c.outC));
            }
        }
        assertEquals(true, compared > 1000, "the cases compare too few values: " + compared);
    }

    private static int compare(double[] want, float[] got) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * (1 + Math.abs(want[i])), "element " + i);
        }
        return want.length;
    }

    private static float[] random(int n, SplittableRandom rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }
}
