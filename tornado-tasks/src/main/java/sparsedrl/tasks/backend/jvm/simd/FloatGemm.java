package sparsedrl.tasks.backend.jvm.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked float matrix products with the Vector API, for row-major matrices given as
 * (array, offset, leading dimension). Every output element is summed over the inner index in
 * ascending order, starting from +0, as {@code c = c + a*b} with the product rounded to float before
 * the add (no fused multiply-add): exactly the arithmetic of the plain-Java axpy kernels in
 * {@code sparsedrl.tasks.kernels}, which skip zero factors (adding a zero product to a sum that
 * started at +0 changes nothing), so both paths give the same floats.
 *
 * <p>Tiles are {@value #ROWS} rows by two vectors; the accumulators stay in registers. Column counts
 * must be a multiple of {@link #lanes()}; callers check {@link #fits(int)}.
 */
public final class FloatGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows per register tile: 6 rows x 2 vectors = 12 accumulators, plus 2 loads and a broadcast. */
    static final int ROWS = 6;

    private FloatGemm() {
    }

    /** Floats per vector register. */
    public static int lanes() {
        return L;
    }

    /** Whether a product with {@code n} output columns can run here. */
    public static boolean fits(int n) {
        return n % L == 0;
    }

    /**
     * {@code C[i][j] = sum_p A[i][p] * B[p][j]} for {@code i < m, j < n, p < k}, overwriting C.
     */
    public static void multiply(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, int m, int n, int k) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = 0;
            for (; i + ROWS <= m; i += ROWS) {
                tile6x2(a, aOff + i * lda, lda, 1, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, k);
            }
            for (; i < m; i++) {
                row(a, aOff + i * lda, 1, b, bOff + j, ldb, c, cOff + i * ldc + j, k, 2);
            }
        }
        for (; j < n; j += L) {
            for (int i = 0; i < m; i++) {
                row(a, aOff + i * lda, 1, b, bOff + j, ldb, c, cOff + i * ldc + j, k, 1);
            }
        }
    }

    /**
     * {@code C[i][j] = sum_p A[p][i] * B[p][j]} (A read transposed: A is {@code k x m} with leading
     * dimension {@code lda}), overwriting C; p ascending.
     */
    public static void multiplyTransposedA(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                           float[] c, int cOff, int ldc, int m, int n, int k) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = 0;
            for (; i + ROWS <= m; i += ROWS) {
                tile6x2(a, aOff + i, 1, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, k);
            }
            for (; i < m; i++) {
                row(a, aOff + i, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, k, 2);
            }
        }
        for (; j < n; j += L) {
            for (int i = 0; i < m; i++) {
                row(a, aOff + i, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, k, 1);
            }
        }
    }

    /**
     * Six rows by two vectors. Element (row r, step p) of A is at {@code a0 + r*rowStride + p*stepStride}.
     */
    private static void tile6x2(float[] a, int a0, int rowStride, int stepStride, float[] b, int b0, int ldb,
                                float[] c, int c0, int ldc, int k) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        int r1 = rowStride;
        int r2 = 2 * rowStride;
        int r3 = 3 * rowStride;
        int r4 = 4 * rowStride;
        int r5 = 5 * rowStride;
        int ap = a0;
        int bp = b0;
        for (int p = 0; p < k; p++, ap += stepStride, bp += ldb) {
            FloatVector b0v = FloatVector.fromArray(S, b, bp);
            FloatVector b1v = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = c00.add(x.mul(b0v));
            c01 = c01.add(x.mul(b1v));
            x = FloatVector.broadcast(S, a[ap + r1]);
            c10 = c10.add(x.mul(b0v));
            c11 = c11.add(x.mul(b1v));
            x = FloatVector.broadcast(S, a[ap + r2]);
            c20 = c20.add(x.mul(b0v));
            c21 = c21.add(x.mul(b1v));
            x = FloatVector.broadcast(S, a[ap + r3]);
            c30 = c30.add(x.mul(b0v));
            c31 = c31.add(x.mul(b1v));
            x = FloatVector.broadcast(S, a[ap + r4]);
            c40 = c40.add(x.mul(b0v));
            c41 = c41.add(x.mul(b1v));
            x = FloatVector.broadcast(S, a[ap + r5]);
            c50 = c50.add(x.mul(b0v));
            c51 = c51.add(x.mul(b1v));
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, c0 + ldc);
        c11.intoArray(c, c0 + ldc + L);
        c20.intoArray(c, c0 + 2 * ldc);
        c21.intoArray(c, c0 + 2 * ldc + L);
        c30.intoArray(c, c0 + 3 * ldc);
        c31.intoArray(c, c0 + 3 * ldc + L);
        c40.intoArray(c, c0 + 4 * ldc);
        c41.intoArray(c, c0 + 4 * ldc + L);
        c50.intoArray(c, c0 + 5 * ldc);
        c51.intoArray(c, c0 + 5 * ldc + L);
    }

    /** One row by {@code vectors} (1 or 2) vectors; A's element p is at {@code a0 + p*stepStride}. */
    private static void row(float[] a, int a0, int stepStride, float[] b, int b0, int ldb,
                            float[] c, int c0, int k, int vectors) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int ap = a0;
        int bp = b0;
        if (vectors == 2) {
            for (int p = 0; p < k; p++, ap += stepStride, bp += ldb) {
                FloatVector x = FloatVector.broadcast(S, a[ap]);
                s0 = s0.add(x.mul(FloatVector.fromArray(S, b, bp)));
                s1 = s1.add(x.mul(FloatVector.fromArray(S, b, bp + L)));
            }
            s0.intoArray(c, c0);
            s1.intoArray(c, c0 + L);
        } else {
            for (int p = 0; p < k; p++, ap += stepStride, bp += ldb) {
                s0 = s0.add(FloatVector.broadcast(S, a[ap]).mul(FloatVector.fromArray(S, b, bp)));
            }
            s0.intoArray(c, c0);
        }
    }
}
