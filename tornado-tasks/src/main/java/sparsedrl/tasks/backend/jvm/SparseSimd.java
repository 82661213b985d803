package sparsedrl.tasks.backend.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import sparsedrl.tasks.kernels.SparseKernels;

/**
 * Vector API forms of the two heavy sparse kernels of {@link sparsedrl.tasks.kernels.SparseKernels}
 * (same arguments, same results up to float reassociation): the JIT does not vectorise their inner
 * loops on its own. A combined row is computed in register blocks of up to four vectors, so each
 * active weight costs one broadcast and one fused multiply-add per vector; the weight gradient takes
 * the dot products of one operand row with four others at a time, sharing its loads. Row ends that
 * are not whole vectors run masked. Load only when
 * {@link sparsedrl.tasks.backend.jvm.simd.VectorSupport#available()} says so. Deterministic: every
 * output element is summed by one thread in a fixed order, the lanes of a dot product too
 * ({@link #sumLanes}).
 */
final class SparseSimd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /*
     * Rotations by 32, 16, ..., 1 lanes (float vectors have at most 64): the levels of sumLanes, each
     * its own constant, which C2 turns into one permute (read from an array, they made the four-way dot
     * product 1.3 to 8 times slower in a microbenchmark).
     */
    private static final VectorShuffle<Float> ROTATE_32 = S.iotaShuffle(32, 1, true);
    private static final VectorShuffle<Float> ROTATE_16 = S.iotaShuffle(16, 1, true);
    private static final VectorShuffle<Float> ROTATE_8 = S.iotaShuffle(8, 1, true);
    private static final VectorShuffle<Float> ROTATE_4 = S.iotaShuffle(4, 1, true);
    private static final VectorShuffle<Float> ROTATE_2 = S.iotaShuffle(2, 1, true);
    private static final VectorShuffle<Float> ROTATE_1 = S.iotaShuffle(1, 1, true);

    private SparseSimd() {
    }

    /**
     * The sum of the lanes of {@code v} in a fixed order: a tree whose every level adds the vector
     * rotated by half the width still summed, so lane 0 ends with the total. Never
     * {@code reduceLanes(ADD)}: its order is unspecified, and in fact it sums lane by lane in the Java
     * fallback that runs until C2 has compiled the caller and as a tree in C2's intrinsic, so the
     * gradients of a run would depend on when the JIT got to this class.
     */
    private static float sumLanes(FloatVector v) {
        v = L > 32 ? v.add(v.rearrange(ROTATE_32)) : v;
        v = L > 16 ? v.add(v.rearrange(ROTATE_16)) : v;
        v = L > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
        v = L > 4 ? v.add(v.rearrange(ROTATE_4)) : v;
        v = L > 2 ? v.add(v.rearrange(ROTATE_2)) : v;
        return v.add(v.rearrange(ROTATE_1)).lane(0);
    }

    /** See {@link sparsedrl.tasks.kernels.SparseKernels#combineLists}. */
    static void combineLists(float[] x, int xBlock, float[] values, int[] start, int[] offsets, float[] y,
                             int yBlock, int[] yOffsets, int lists, int len, int accumulate, int from, int to) {
        for (int item = from; item < to; item++) {
            int blk = item / lists;
            int l = item - blk * lists;
            combine(x, blk * xBlock, values, offsets, start[l], start[l + 1], y, blk * yBlock + yOffsets[l], len,
                    accumulate == 1);
        }
    }

    /**
     * {@code y[yOff..+len) (=|+=) sum over j in [start, end) of values[j] * x[xBase + offsets[j] ..+len)}.
     */
    private static void combine(float[] x, int xBase, float[] values, int[] offsets, int start, int end,
                                float[] y, int yOff, int len, boolean accumulate) {
        int i = 0;
        for (; i + 4 * L <= len; i += 4 * L) {
            FloatVector a0 = accumulate ? FloatVector.fromArray(S, y, yOff + i) : FloatVector.zero(S);
            FloatVector a1 = accumulate ? FloatVector.fromArray(S, y, yOff + i + L) : FloatVector.zero(S);
            FloatVector a2 = accumulate ? FloatVector.fromArray(S, y, yOff + i + 2 * L) : FloatVector.zero(S);
            FloatVector a3 = accumulate ? FloatVector.fromArray(S, y, yOff + i + 3 * L) : FloatVector.zero(S);
            for (int j = start; j < end; j++) {
                FloatVector v = FloatVector.broadcast(S, values[j]);
                int s = xBase + offsets[j] + i;
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
        for (; i + 2 * L <= len; i += 2 * L) {
            FloatVector a0 = accumulate ? FloatVector.fromArray(S, y, yOff + i) : FloatVector.zero(S);
            FloatVector a1 = accumulate ? FloatVector.fromArray(S, y, yOff + i + L) : FloatVector.zero(S);
            for (int j = start; j < end; j++) {
                FloatVector v = FloatVector.broadcast(S, values[j]);
                int s = xBase + offsets[j] + i;
                a0 = FloatVector.fromArray(S, x, s).fma(v, a0);
                a1 = FloatVector.fromArray(S, x, s + L).fma(v, a1);
            }
            a0.intoArray(y, yOff + i);
            a1.intoArray(y, yOff + i + L);
        }
        for (; i < len; i += L) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector a = accumulate ? FloatVector.fromArray(S, y, yOff + i, m) : FloatVector.zero(S);
            for (int j = start; j < end; j++) {
                a = FloatVector.fromArray(S, x, xBase + offsets[j] + i, m).fma(FloatVector.broadcast(S, values[j]), a);
            }
            a.intoArray(y, yOff + i, m);
        }
    }

    /**
     * {@link SparseKernels#transpose} where the source rows are strided and the destination rows are
     * contiguous: {@code dst[dOff + c*dStride + r] = src[sOff + rowStarts[r] + c]}, rows gathered a
     * vector at a time ({@code rowStarts[r]} = r times the source row stride; padded to whole vectors
     * with entries that stay in bounds, 0 say: masked-off lanes are range-checked too).
     */
    static void transposeGathering(float[] src, int sOff, int[] rowStarts, float[] dst, int dOff, int dStride,
                                   int rows, int cols) {
        for (int r0 = 0; r0 < rows; r0 += L) {
            VectorMask<Float> m = S.indexInRange(r0, rows);
            for (int c = 0; c < cols; c++) {
                FloatVector.fromArray(S, src, sOff + c, rowStarts, r0, m).intoArray(dst, dOff + c * dStride + r0, m);
            }
        }
    }

    /**
     * {@link SparseKernels#transpose} where the source rows are contiguous and the destination rows
     * strided: {@code dst[dOff + colStarts[c] + r] = src[sOff + r*sStride + c]}, columns scattered a
     * vector at a time ({@code colStarts[c]} = c times the destination row stride, padded like
     * {@code rowStarts} in {@link #transposeGathering}).
     */
    static void transposeScattering(float[] src, int sOff, int sStride, float[] dst, int dOff, int[] colStarts,
                                    int rows, int cols) {
        for (int c0 = 0; c0 < cols; c0 += L) {
            VectorMask<Float> m = S.indexInRange(c0, cols);
            for (int r = 0; r < rows; r++) {
                FloatVector.fromArray(S, src, sOff + r * sStride + c0, m).intoArray(dst, dOff + r, colStarts, c0, m);
            }
        }
    }

    /** See {@link sparsedrl.tasks.kernels.SparseKernels#activeWeightGrad}. */
    static void activeWeightGrad(float[] x, int xBlock, int[] xOffsets, float[] g, int gBlock, int gStride,
                                 int[] rowStart, int[] rowCol, int[] rowFlat, float[] dW, int blocks, int len,
                                 int from, int to) {
        for (int r = from; r < to; r++) {
            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                dW[rowFlat[j]] = 0f;
            }
        }
        // Blocks of samples outermost: their operand rows stay in cache across the rows of this slice;
        // each dW element still sums over blocks in ascending order.
        for (int blk0 = 0; blk0 < blocks; blk0 += SparseKernels.WEIGHT_GRAD_BLOCKS) {
            int blk1 = Math.min(blocks, blk0 + SparseKernels.WEIGHT_GRAD_BLOCKS);
            for (int r = from; r < to; r++) {
                int end = rowStart[r + 1];
                for (int blk = blk0; blk < blk1; blk++) {
                    int xs = blk * xBlock + xOffsets[r];
                    int gBase = blk * gBlock;
                    int j = rowStart[r];
                    for (; j + 4 <= end; j += 4) {
                        dot4(x, xs, g, gBase, rowCol, j, gStride, rowFlat, dW, len);
                    }
                    for (; j < end; j++) {
                        dW[rowFlat[j]] += dot(x, xs, g, gBase + rowCol[j] * gStride, len);
                    }
                }
            }
        }
    }

    /** {@code dW[rowFlat[j+q]] += x[xs..+len) . g[gBase + rowCol[j+q]*gStride ..+len)} for q < 4. */
    private static void dot4(float[] x, int xs, float[] g, int gBase, int[] rowCol, int j, int gStride,
                             int[] rowFlat, float[] dW, int len) {
        int g0 = gBase + rowCol[j] * gStride;
        int g1 = gBase + rowCol[j + 1] * gStride;
        int g2 = gBase + rowCol[j + 2] * gStride;
        int g3 = gBase + rowCol[j + 3] * gStride;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xs + i);
            s0 = a.fma(FloatVector.fromArray(S, g, g0 + i), s0);
            s1 = a.fma(FloatVector.fromArray(S, g, g1 + i), s1);
            s2 = a.fma(FloatVector.fromArray(S, g, g2 + i), s2);
            s3 = a.fma(FloatVector.fromArray(S, g, g3 + i), s3);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector a = FloatVector.fromArray(S, x, xs + i, m);
            s0 = a.fma(FloatVector.fromArray(S, g, g0 + i, m), s0);
            s1 = a.fma(FloatVector.fromArray(S, g, g1 + i, m), s1);
            s2 = a.fma(FloatVector.fromArray(S, g, g2 + i, m), s2);
            s3 = a.fma(FloatVector.fromArray(S, g, g3 + i, m), s3);
        }
        dW[rowFlat[j]] += sumLanes(s0);
        dW[rowFlat[j + 1]] += sumLanes(s1);
        dW[rowFlat[j + 2]] += sumLanes(s2);
        dW[rowFlat[j + 3]] += sumLanes(s3);
    }

    private static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (; i + 2 * L <= len; i += 2 * L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
            s1 = FloatVector.fromArray(S, a, aOff + i + L).fma(FloatVector.fromArray(S, b, bOff + i + L), s1);
        }
        for (; i < len; i += L) {
            VectorMask<Float> m = S.indexInRange(i, len);
            s0 = FloatVector.fromArray(S, a, aOff + i, m).fma(FloatVector.fromArray(S, b, bOff + i, m), s0);
        }
        return sumLanes(s0.add(s1));
    }
}
