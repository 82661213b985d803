package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void selectsLargestMagnitudesWithTiesToTheLowerIndex() {
        float[] scores = {1f, -3f, 3f, 0f, 2f, 3f, -2f};
        float[] out = new float[7];
        new TopK().select(7, scores, TopK.Candidates.ALL, null, 2, out);
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 0, 0}, out);
        out = new float[7];
        new TopK().select(7, scores, TopK.Candidates.ALL, null, 4, out);
        assertArrayEquals(new float[] {0, 1, 1, 0, 1, 1, 0}, out); // 2 at index 4 beats -2 at index 6
    }

    @Test
    void candidatesFollowTheFilterAndOtherOutputsAreUntouched() {
        float[] scores = {9f, 1f, 8f, 2f, 7f};
        float[] filter = {1f, 0f, 1f, 0f, 0f};
        float[] out = {0f, 0f, 0f, 0f, 0.5f};
        int c = new TopK().select(5, scores, TopK.Candidates.WHERE_ZERO, filter, 2, out);
        assertEquals(3, c);
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f, 1f}, out);
        out = new float[5];
        new TopK().select(5, scores, TopK.Candidates.WHERE_NONZERO, filter, 1, out);
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f, 0f}, out);
        assertThrows(IllegalArgumentException.class,
                () -> new TopK().select(5, scores, TopK.Candidates.WHERE_NONZERO, filter, 3, new float[5]));
    }

    @Test
    void nanRanksLast() {
        float[] out = new float[3];
        new TopK().select(3, new float[] {Float.NaN, 0f, 1f}, TopK.Candidates.ALL, null, 2, out);
        assertArrayEquals(new float[] {0f, 1f, 1f}, out);
    }

    @Test
    void agreesWithANaiveSortOnRandomArraysFullOfTies() {
        SplittableRandom r = new SplittableRandom(7);
        TopK topK = new TopK(); // reused across sizes, as the methods do
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(300);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = (r.nextInt(9) - 4) * 0.5f; // few distinct magnitudes: many ties
            }
            int k = r.nextInt(n + 1);
            float[] out = new float[n];
            topK.select(n, scores, TopK.Candidates.ALL, null, k, out);
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                idx.add(i);
            }
            idx.sort(Comparator.<Integer>comparingDouble(i -> -Math.abs(scores[i])).thenComparingInt(i -> i));
            float[] expected = new float[n];
            for (int j = 0; j < k; j++) {
                expected[idx.get(j)] = 1f;
            }
            assertArrayEquals(expected, out, "trial " + trial);
        }
    }

    @Test
    void quickselectPutsTheKSmallestKeysFirstForEveryK() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 300; trial++) {
            int c = 1 + r.nextInt(trial < 150 ? 40 : 5000);
            long[] a = new long[c];
            for (int i = 0; i < c; i++) {
                // Distinct keys, sometimes already sorted or reversed (the easy adversaries).
                a[i] = switch (trial % 3) {
                    case 0 -> ((long) r.nextInt(50) << 32) | i;
                    case 1 -> i;
                    default -> c - i;
                };
            }
            long[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            int k = 1 + r.nextInt(c);
            TopK.selectSmallest(a, c, k);
            long[] head = java.util.Arrays.copyOf(a, k);
            java.util.Arrays.sort(head);
            assertArrayEquals(java.util.Arrays.copyOf(sorted, k), head, "trial " + trial);
        }
    }

    @Test
    void keepCountRoundsAndKeepsAtLeastOne() {
        assertEquals(4, TopK.keepCount(7, 0.5));      // 3.5 rounds up
        assertEquals(1, TopK.keepCount(1000, 0.0001)); // 0.1 -> at least 1
        assertEquals(10, TopK.keepCount(10, 1.0));
        assertEquals(80_993, TopK.keepCount(4_049_664, 0.02)); // 80,993.28
    }
}
