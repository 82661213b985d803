package sparsedrl.tasks.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ActiveListsTest {

    /**
     * The 3x4 matrix
     * <pre>
     *   1 0 0 2
     *   0 0 0 0
     *   0 3 -4 5
     * </pre>
     * listed by hand: rows {0: cols 0,3}, {1: none}, {2: cols 1,2,3}; columns {0: row 0}, {1: row 2},
     * {2: row 2}, {3: rows 0,2}.
     */
    @Test
    void listsAHandWrittenMatrixAndPadsTheRest() {
        float[] m = {1, 0, 0, 2, 0, 0, 0, 0, 0, 3, -4, 5};
        int cap = 8;
        int[] rowStart = new int[4];
        int[] rowCol = new int[cap];
        int[] rowFlat = new int[cap];
        int[] colStart = new int[5];
        int[] colRow = new int[cap];
        int[] colFlat = new int[cap];
        int[] colToRow = new int[cap];
        assertEquals(5, ActiveLists.count(m));
        assertEquals(5, ActiveLists.build(m, 3, 4, rowStart, rowCol, rowFlat, colStart, colRow, colFlat, colToRow, -1));
        assertArrayEquals(new int[] {0, 2, 2, 5}, rowStart);
        assertArrayEquals(new int[] {0, 3, 1, 2, 3, -1, -1, -1}, rowCol);
        assertArrayEquals(new int[] {0, 3, 9, 10, 11, -1, -1, -1}, rowFlat);
        assertArrayEquals(new int[] {0, 1, 2, 3, 5}, colStart);
        assertArrayEquals(new int[] {0, 2, 2, 0, 2, -1, -1, -1}, colRow);
        assertArrayEquals(new int[] {0, 9, 10, 3, 11, -1, -1, -1}, colFlat);
        assertArrayEquals(new int[] {0, 2, 3, 1, 4, -1, -1, -1}, colToRow);
    }

    @Test
    void rebuildingWithFewerEntriesForgetsTheOldOnes() {
        int[] rowStart = new int[3];
        int[] rowCol = new int[4];
        int[] rowFlat = new int[4];
        int[] colStart = new int[3];
        int[] colRow = new int[4];
        ActiveLists.build(new float[] {1, 1, 1, 1}, 2, 2, rowStart, rowCol, rowFlat, colStart, colRow, null, null, -1);
        ActiveLists.build(new float[] {0, 0, 1, 0}, 2, 2, rowStart, rowCol, rowFlat, colStart, colRow, null, null, -1);
        assertArrayEquals(new int[] {0, 0, 1}, rowStart);
        assertArrayEquals(new int[] {0, -1, -1, -1}, rowCol);
        assertArrayEquals(new int[] {2, -1, -1, -1}, rowFlat);
        assertArrayEquals(new int[] {0, 1, 1}, colStart);
        assertArrayEquals(new int[] {1, -1, -1, -1}, colRow);
    }

    @Test
    void wrongShapeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ActiveLists.build(new float[5], 2, 2, new int[3], new int[4],
                new int[4], new int[3], new int[4], null, null, 0));
    }
}
