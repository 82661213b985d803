package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.ActiveLists;
import sparsedrl.tasks.kernels.SparseKernels;

/**
 * The active entries of a mask seen as a matrix {@code [rows][cols]}, listed by column (for sums over
 * the rows of a column) and by row (for sums over the columns of a row), each with the flat kernel
 * index of every entry. Built on the host when the mask changes. The index arrays are immutable; the
 * value arrays are scratch of the one layer that owns the index (weights gathered in each order).
 */
final class ActiveIndex {
    final int rows;
    final int cols;
    final int active;
    final int[] colStart;
    final int[] colRow;
    final int[] colFlat;
    /** Position in the row lists of each column-list entry: column values gather from row values. */
    final int[] colToRow;
    final int[] rowStart;
    final int[] rowCol;
    final int[] rowFlat;
    final float[] colValues;
    final float[] rowValues;
    /** The kernel whose values {@link #colValues}/{@link #rowValues} hold, or null when they are stale. */
    float[] valuesOf;
    /**
     * Where the operand row of each entry starts, in column order ({@code rowTable[colRow[j]]}) and in
     * row order ({@code colTable[rowCol[j]]}), for the tables of the layer that uses this index
     * ({@link #useOffsets}); scratch of that layer, like the values.
     */
    int[] colOffset;
    int[] rowOffset;
    private int[] offsetTables;
    // Row order walks the kernel sequentially; column order then gathers from the compact row values.
    private float[] gatherSource;
    private final WorkerPool.RangeTask gatherRowsTask = this::gatherRows;
    private final WorkerPool.RangeTask gatherColumnsTask = this::gatherColumns;

    private void gatherRows(int from, int to) {
        SparseKernels.gatherValues(gatherSource, rowFlat, rowValues, from, to);
    }

    private void gatherColumns(int from, int to) {
        SparseKernels.gatherValues(rowValues, colToRow, colValues, from, to);
    }

    /** Gathers {@code kernel}'s active values into both orders, unless they already hold that kernel's. */
    void gatherValues(float[] kernel, WorkerPool pool) {
        if (valuesOf == kernel) {
            return;
        }
        gatherSource = kernel;
        pool.run(active, WorkerPool.grain(1), gatherRowsTask);
        pool.run(active, WorkerPool.grain(1), gatherColumnsTask);
        gatherSource = null;
        valuesOf = kernel;
    }

    /**
     * Sets {@link #colOffset} and {@link #rowOffset} from a layer's operand offset of each kernel row
     * and each kernel column, unless they already hold those of the same tables.
     */
    void useOffsets(int[] rowTable, int[] colTable) {
        if (offsetTables == rowTable && colOffset != null) {
            return;
        }
        colOffset = new int[active];
        rowOffset = new int[active];
        for (int j = 0; j < active; j++) {
            colOffset[j] = rowTable[colRow[j]];
            rowOffset[j] = colTable[rowCol[j]];
        }
        offsetTables = rowTable;
    }

    /** Fails unless this index describes a {@code rows x cols} kernel. */
    void requireShape(int kernelRows, int kernelCols) {
        if (rows != kernelRows || cols != kernelCols) {
            throw new IllegalArgumentException("index is " + rows + "x" + cols + ", layer kernel is "
                    + kernelRows + "x" + kernelCols);
        }
    }

    /** Whether {@code other} lists the same entries (shares the index arrays, see {@link #withOwnValues}). */
    boolean sameActiveSet(ActiveIndex other) {
        return colFlat == other.colFlat;
    }

    /** The same active set with its own value arrays (for a second kernel: the target network). */
    ActiveIndex withOwnValues() {
        return new ActiveIndex(this);
    }

    private ActiveIndex(ActiveIndex o) {
        rows = o.rows;
        cols = o.cols;
        active = o.active;
        colStart = o.colStart;
        colRow = o.colRow;
        colFlat = o.colFlat;
        colToRow = o.colToRow;
        rowStart = o.rowStart;
        rowCol = o.rowCol;
        rowFlat = o.rowFlat;
        colValues = new float[active];
        rowValues = new float[active];
    }

    private ActiveIndex(int rows, int cols, int active) {
        this.rows = rows;
        this.cols = cols;
        this.active = active;
        colStart = new int[cols + 1];
        colRow = new int[active];
        colFlat = new int[active];
        colToRow = new int[active];
        rowStart = new int[rows + 1];
        rowCol = new int[active];
        rowFlat = new int[active];
        colValues = new float[active];
        rowValues = new float[active];
    }

    /** Index of the non-zero entries of {@code mask}, laid out row-major as {@code [rows][cols]}. */
    static ActiveIndex of(float[] mask, int rows, int cols) {
        if (mask.length != rows * cols) {
            throw new IllegalArgumentException("mask has " + mask.length + " entries, expected " + rows + "x" + cols);
        }
        ActiveIndex ix = new ActiveIndex(rows, cols, ActiveLists.count(mask));
        ActiveLists.build(mask, rows, cols, ix.rowStart, ix.rowCol, ix.rowFlat, ix.colStart, ix.colRow, ix.colFlat,
                ix.colToRow, 0);
        return ix;
    }

    double density() {
        return density(active, rows, cols);
    }

    /** Fraction of a {@code rows x cols} kernel that {@code active} entries fill. */
    static double density(int active, int rows, int cols) {
        return (double) active / ((long) rows * cols);
    }
}
