package sparsedrl.tasks.backend.tornado;

import java.util.List;
import sparsedrl.tasks.backend.ActiveLists;
import sparsedrl.tasks.kernels.SparseGatherKernels;
import sparsedrl.tasks.net.LayerSpec;

/**
 * The active-entry lists of one sparse layer as the device keeps them: for the online kernel (by
 * column for the forward pass, by row for the gradients, and the flat indices Adam steps) and for
 * the target kernel (by column, from its non-zeros: after a mask change the target keeps its old
 * weights until the next sync). TaskGraphs capture arrays by identity, so every list is allocated
 * once for the whole kernel; entries past the active count are -1 and the column/row starts bound
 * every loop, so a new mask with any number of active weights is one host rebuild and a push.
 */
final class DeviceActiveLists {
    final int rows;
    final int cols;
    /** Shapes for {@link SparseGatherKernels}. */
    final int[] geometry;
    final int[] colStart;
    final int[] colRow;
    final int[] rowStart;
    final int[] rowCol;
    final int[] activeFlat;
    final int[] targetColStart;
    final int[] targetColRow;
    /** Row lists of the target: built with its column lists, not used on the device. */
    private final int[] targetRowStart;
    private final int[] targetRowCol;
    private final int[] targetRowFlat;

    DeviceActiveLists(LayerSpec spec) {
        rows = spec.fanIn();
        cols = spec.outC();
        // A dense layer's spec is already the 1x1 convolution of a 1x1 image.
        geometry = SparseGatherKernels.geometry(spec.inH(), spec.inW(), spec.inC(), spec.outH(), spec.outW(), cols,
                spec.kernel(), spec.stride(), spec.padTop(), spec.padLeft());
        int capacity = rows * cols;
        colStart = new int[cols + 1];
        colRow = new int[capacity];
        rowStart = new int[rows + 1];
        rowCol = new int[capacity];
        activeFlat = new int[capacity];
        targetColStart = new int[cols + 1];
        targetColRow = new int[capacity];
        targetRowStart = new int[rows + 1];
        targetRowCol = new int[capacity];
        targetRowFlat = new int[capacity];
    }

    /** Lists the non-zeros of {@code mask} (online) and of {@code targetWeight} (target), on the host. */
    void rebuild(float[] mask, float[] targetWeight) {
        ActiveLists.build(mask, rows, cols, rowStart, rowCol, activeFlat, colStart, colRow, null, null, -1);
        ActiveLists.build(targetWeight, rows, cols, targetRowStart, targetRowCol, targetRowFlat, targetColStart,
                targetColRow, null, null, -1);
    }

    /** The arrays the device keeps, shared by every graph of the network. */
    List<int[]> deviceArrays() {
        return List.of(geometry, colStart, colRow, rowStart, rowCol, activeFlat, targetColStart, targetColRow);
    }
}
