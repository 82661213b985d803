package sparsedrl.sparsity;

import java.util.Arrays;

/**
 * The one top-k selection every method uses: among the candidate positions of a flat array, the k
 * with the largest |score|, ties broken by the lower flat index. Each candidate becomes one long key
 * (inverted magnitude bits in the high word, index in the low word), so ascending key order is
 * |score| descending then index ascending, and all keys are distinct. The k smallest keys are found
 * by quickselect (average O(N); it falls back to a sort after too many partition rounds, so the
 * worst case stays O(N log N)). The key buffer is reused between calls. NaN scores rank below every
 * number.
 *
 * <p>Not thread-safe: one instance per sparsity method.
 */
public final class TopK {
    private long[] keys = new long[0];

    /** Which positions take part in a selection. */
    public enum Candidates {
        /** Every position. */
        ALL,
        /** Positions where the filter array is non-zero (active weights). */
        WHERE_NONZERO,
        /** Positions where the filter array is zero (inactive weights). */
        WHERE_ZERO
    }

    /**
     * Number of weights a layer of {@code n} weights keeps at {@code density}: round(n * density),
     * at least 1 and at most n.
     */
    public static int keepCount(int n, double density) {
        long k = Math.round(n * density);
        return (int) Math.max(1, Math.min(n, k));
    }

    /**
     * Sets {@code out[i] = 1} at the k selected positions and leaves every other element of
     * {@code out} untouched ({@code out} may be the filter array only when the selection cannot
     * disturb the filter semantics, e.g. growing into WHERE_ZERO positions of the same mask: the
     * candidates are collected before anything is written).
     *
     * @param n       number of positions (the first n of every array; scratch arrays may be longer)
     * @param scores  ranked by absolute value
     * @param filter  the array the candidate rule reads (ignored for ALL; may then be null)
     * @param k       how many to select; must not exceed the number of candidates
     * @return the number of candidates there were
     */
    public int select(int n, float[] scores, Candidates which, float[] filter, int k, float[] out) {
        if (keys.length < n) {
            keys = new long[n];
        }
        int c = 0;
        for (int i = 0; i < n; i++) {
            boolean candidate = switch (which) {
                case ALL -> true;
                case WHERE_NONZERO -> filter[i] != 0f;
                case WHERE_ZERO -> filter[i] == 0f;
            };
            if (candidate) {
                keys[c++] = key(scores[i], i);
            }
        }
        if (k < 0 || k > c) {
            throw new IllegalArgumentException("cannot select " + k + " of " + c + " candidates");
        }
        if (k == 0) {
            return c;
        }
        if (k < c) {
            selectSmallest(keys, c, k);
        }
        for (int j = 0; j < k; j++) {
            out[(int) keys[j]] = 1f;
        }
        return c;
    }

    /** Rearranges {@code a[0, c)} so that {@code a[0, k)} holds its k smallest (distinct) keys. */
    static void selectSmallest(long[] a, int c, int k) {
        int lo = 0;
        int hi = c - 1;
        int target = k - 1;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(c)) + 8;
        while (hi > lo) {
            if (rounds-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            long pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long tmp = a[i];
                    a[i] = a[j];
                    a[j] = tmp;
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] <= pivot <= a[i..hi], and anything between j and i equals the pivot.
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static long medianOfThree(long x, long y, long z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }

    /** Ascending key order = descending |score|, then ascending index. */
    private static long key(float score, int index) {
        int bits = Float.floatToRawIntBits(score) & 0x7FFFFFFF;
        long rank = bits > 0x7F800000 ? -1 : bits; // NaN below everything
        return ((0x7F800000L - rank) << 32) | index;
    }
}
