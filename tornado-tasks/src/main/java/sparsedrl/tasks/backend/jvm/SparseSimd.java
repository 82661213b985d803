package sparsedrl.tasks.backend.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API forms of the three heavy sparse kernels of {@link sparsedrl.tasks.kernels.SparseKernels}
 * (same arguments, same results up to float reassociation): the JIT does not vectorise their inner
 * loops on its own. The output rows are computed in register blocks of four vectors, so each active
 * weight costs one broadcast and one fused multiply-add per vector. Load only when
 * {@link sparsedrl.tasks.backend.jvm.simd.VectorSupport#available()} says so. Deterministic: every
 * output element is summed by one thread in a fixed order.
 */
final class SparseSimd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SparseSimd() {
    }

    /** See {@link sparsedrl.tasks.kernels.SparseKernels#columnsAxpy}. */
    static void columnsAxpy(float[] x, float[] values, int[] colStart, int[] colRow, float[] outT,
                            int blocks, int rows, int cols, int len, int from, int to) {
        for (int item = from; item < to; item++) {
            int blk = item / cols;
            int c = item - blk * cols;
            combine(x, blk * rows * len, values, colStart[c], colStart[c + 1], colRow, outT, (blk * cols + c) * len,
                    len);
        }
    }

    /** See {@link sparsedrl.tasks.kernels.SparseKernels#rowsAxpy}. */
    static void rowsAxpy(float[] gT, float[] values, int[] rowStart, int[] rowCol, float[] xGrad,
                         int blocks, int rows, int cols, int len, int from, int to) {
        for (int item = from; item < to; item++) {
            int blk = item / rows;
            int r = item - blk * rows;
            combine(gT, blk * cols * len, values, rowStart[r], rowStart[r + 1], rowCol, xGrad, (blk * rows + r) * len,
                    len);
        }
    }

    /** {@code y[yOff..+len) = sum over j in [start, end) of values[j] * x[xBase + index[j]*len ..+len)}. */
    private static void combine(float[] x, int xBase, float[] values, int start, int end, int[] index,
                                float[] y, int yOff, int len) {
        int i = 0;
        for (; i + 4 * L <= len; i += 4 * L) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int j = start; j < end; j++) {
                FloatVector v = FloatVector.broadcast(S, values[j]);
                int s = xBase + index[j] * len + i;
                a0 = FloatVector.fromArray(S, x, s).fma(v, a0);
                a1 = FloatVector.fromArray(S, x, s + L).fma(v, a1);
                a2 = FloatVector.fromArray(S, x, s + 2 * L).fma(v, a2);
                a3 = FloatVector.fromArray(S, x, s + 3 * L).fma(v, a3);
            }
            a0.intoArray(y, yOff + i);
            a1.intoArray(y, yOff + i + L);
            a2.intoArray(y, yOff + i + 2 * L);
            a3.intoArray(y, yOff + i + 3 * L);
        }
        for (; i + L <= len; i += L) {
            FloatVector a = FloatVector.zero(S);
            for (int j = start; j < end; j++) {
                a = FloatVector.fromArray(S, x, xBase + index[j] * len + i).fma(FloatVector.broadcast(S, values[j]), a);
            }
            a.intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            float a = 0f;
            for (int j = start; j < end; j++) {
                a = Math.fma(values[j], x[xBase + index[j] * len + i], a);
            }
            y[yOff + i] = a;
        }
    }

    /** See {@link sparsedrl.tasks.kernels.SparseKernels#activeWeightGrad}. */
    static void activeWeightGrad(float[] x, float[] gT, int[] rowStart, int[] rowCol, int[] rowFlat,
                                 float[] dW, int blocks, int rows, int cols, int len, int from, int to) {
        for (int r = from; r < to; r++) {
            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                dW[rowFlat[j]] = 0f;
            }
            for (int blk = 0; blk < blocks; blk++) {
                int xs = (blk * rows + r) * len;
                int gBase = blk * cols * len;
                for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                    dW[rowFlat[j]] += dot(x, xs, gT, gBase + rowCol[j] * len, len);
                }
            }
        }
    }

    private static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (; i + 2 * L <= len; i += 2 * L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
            s1 = FloatVector.fromArray(S, a, aOff + i + L).fma(FloatVector.fromArray(S, b, bOff + i + L), s1);
        }
        for (; i + L <= len; i += L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
        }
        float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }
}
