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
    /** Floats of B per inner-index chunk (32 KiB, the L1 data cache), and the fewest steps per chunk. */
    private static final int CHUNK_FLOATS = 8192;
    private static final int MIN_STEPS = 32;

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
        product(a, aOff, lda, 1, b, bOff, ldb, c, cOff, ldc, m, n, k);
    }

    /**
     * {@code C[i][j] = sum_p A[p][i] * B[p][j]} (A read transposed: A is {@code k x m} with leading
     * dimension {@code lda}), overwriting C; p ascending.
     */
    public static void multiplyTransposedA(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                           float[] c, int cOff, int ldc, int m, int n, int k) {
        product(a, aOff, 1, lda, b, bOff, ldb, c, cOff, ldc, m, n, k);
    }

    /** {@code y[yOff + i] += x[xOff + i]} for {@code i < n}, element by element (vectors where whole). */
    public static void addTo(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    /**
     * The product with A's element (i, p) at {@code aOff + i*rowStride + p*stepStride}. The inner index
     * is cut into chunks whose slice of B (read row by row, so the prefetcher sees a stream) stays in
     * L1 while all tiles pass; a chunk after the first resumes from the partial sums in C, so each sum
     * still runs in ascending order.
     */
    private static void product(float[] a, int aOff, int rowStride, int stepStride, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, int m, int n, int k) {
        int chunk = Math.max(MIN_STEPS, CHUNK_FLOATS / Math.max(1, n));
        for (int p0 = 0; p0 < k || p0 == 0; p0 += chunk) {
            int steps = Math.min(chunk, k - p0);
            boolean resume = p0 > 0;
            int ap = aOff + p0 * stepStride;
            int bp = bOff + p0 * ldb;
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                int i = 0;
                for (; i + ROWS <= m; i += ROWS) {
                    tile6x2(a, ap + i * rowStride, rowStride, stepStride, b, bp + j, ldb, c, cOff + i * ldc + j, ldc,
                            steps, resume);
                }
                for (; i < m; i++) {
                    row(a, ap + i * rowStride, stepStride, b, bp + j, ldb, c, cOff + i * ldc + j, steps, 2, resume);
                }
            }
            for (; j < n; j += L) {
                for (int i = 0; i < m; i++) {
                    row(a, ap + i * rowStride, stepStride, b, bp + j, ldb, c, cOff + i * ldc + j, steps, 1, resume);
                }
            }
        }
    }

    /**
     * Loads the partial sums of C (zeroed first for a fresh sum). Always a load, never a choice between
     * a load and a constant: a vector merged from two sources may be boxed on the heap by C2.
     */
    private static FloatVector start(float[] c, int at, boolean resume) {
        if (!resume) {
            java.util.Arrays.fill(c, at, at + L, 0f);
        }
        return FloatVector.fromArray(S, c, at);
    }

    /**
     * Six rows by two vectors. Element (row r, step p) of A is at {@code a0 + r*rowStride + p*stepStride}.
     */
    private static void tile6x2(float[] a, int a0, int rowStride, int stepStride, float[] b, int b0, int ldb,
                                float[] c, int c0, int ldc, int k, boolean resume) {
        FloatVector c00 = start(c, c0, resume);
        FloatVector c01 = start(c, c0 + L, resume);
        FloatVector c10 = start(c, c0 + ldc, resume);
        FloatVector c11 = start(c, c0 + ldc + L, resume);
        FloatVector c20 = start(c, c0 + 2 * ldc, resume);
        FloatVector c21 = start(c, c0 + 2 * ldc + L, resume);
        FloatVector c30 = start(c, c0 + 3 * ldc, resume);
        FloatVector c31 = start(c, c0 + 3 * ldc + L, resume);
        FloatVector c40 = start(c, c0 + 4 * ldc, resume);
        FloatVector c41 = start(c, c0 + 4 * ldc + L, resume);
        FloatVector c50 = start(c, c0 + 5 * ldc, resume);
        FloatVector c51 = start(c, c0 + 5 * ldc + L, resume);
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
                            float[] c, int c0, int k, int vectors, boolean resume) {
        int ap = a0;
        int bp = b0;
        if (vectors == 2) {
            FloatVector s0 = start(c, c0, resume);
            FloatVector s1 = start(c, c0 + L, resume);
            for (int p = 0; p < k; p++, ap += stepStride, bp += ldb) {
                FloatVector x = FloatVector.broadcast(S, a[ap]);
                s0 = s0.add(x.mul(FloatVector.fromArray(S, b, bp)));
                s1 = s1.add(x.mul(FloatVector.fromArray(S, b, bp + L)));
            }
            s0.intoArray(c, c0);
            s1.intoArray(c, c0 + L);
        } else {
            FloatVector s0 = start(c, c0, resume);
            for (int p = 0; p < k; p++, ap += stepStride, bp += ldb) {
                s0 = s0.add(FloatVector.broadcast(S, a[ap]).mul(FloatVector.fromArray(S, b, bp)));
            }
            s0.intoArray(c, c0);
        }
    }
}
