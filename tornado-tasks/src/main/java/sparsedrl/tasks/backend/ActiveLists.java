package sparsedrl.tasks.backend;

/**
 * Lists the non-zero entries of a kernel-shaped array (a mask, or a kernel whose zeros are its
 * inactive weights) seen as a row-major matrix {@code [rows][cols]}: by row ({@code rowStart},
 * {@code rowCol}, {@code rowFlat}: the entries of row r are {@code [rowStart[r], rowStart[r+1])}, in
 * ascending column) and by column ({@code colStart}, {@code colRow}: rows ascending). Both backends
 * build their sparse layers from these lists: the JVM backend in arrays of the exact size, the
 * TornadoVM backend in arrays allocated once for the full kernel.
 */
public final class ActiveLists {

    private ActiveLists() {
    }

    /** Number of non-zero entries of {@code values}. */
    public static int count(float[] values) {
        int n = 0;
        for (float v : values) {
            n += v != 0f ? 1 : 0;
        }
        return n;
    }

    /**
     * Fills the row and column lists of the non-zeros of {@code values} ({@code rows * cols} entries);
     * the list arrays need room for {@link #count} entries, and entries past it are set to
     * {@code fill}. {@code colFlat} (flat index per column entry) and {@code colToRow} (position of
     * each column entry in the row lists) may be null when not wanted.
     *
     * @return the number of listed entries
     */
    public static int build(float[] values, int rows, int cols, int[] rowStart, int[] rowCol, int[] rowFlat,
                            int[] colStart, int[] colRow, int[] colFlat, int[] colToRow, int fill) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("kernel has " + values.length + " entries, expected " + rows + "x" + cols);
        }
        java.util.Arrays.fill(colStart, 0);
        int j = 0;
        for (int r = 0; r < rows; r++) {
            rowStart[r] = j;
            for (int c = 0; c < cols; c++) {
                int f = r * cols + c;
                if (values[f] != 0f) {
                    rowCol[j] = c;
                    rowFlat[j] = f;
                    colStart[c + 1]++;
                    j++;
                }
            }
        }
        rowStart[rows] = j;
        for (int c = 0; c < cols; c++) {
            colStart[c + 1] += colStart[c];
        }
        int[] filled = new int[cols];
        for (int r = 0; r < rows; r++) { // rows ascending: each column lists its rows in order
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                int c = rowCol[k];
                int at = colStart[c] + filled[c]++;
                colRow[at] = r;
                if (colFlat != null) {
                    colFlat[at] = rowFlat[k];
                }
                if (colToRow != null) {
                    colToRow[at] = k;
                }
            }
        }
        for (int[] list : new int[][] {rowCol, rowFlat, colRow, colFlat, colToRow}) {
            if (list != null) {
                java.util.Arrays.fill(list, j, list.length, fill);
            }
        }
        return j;
    }
}
