package sparsedrl.tasks.backend.tornado;

import sparsedrl.tasks.net.LayerSpec;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid3D;

/**
 * One launch of {@link ConvGemm#gemm} for a layer and {@code count} samples: the matrix sizes, the
 * number of k slices and the grid. The slice count is the smallest that gives the launch at least
 * {@link #TARGET_WORK_ITEMS} work-items (enough to fill a large GPU, and the shape the issue asks
 * of every heavy kernel of a batch-32 update), as long as each slice keeps {@link #MIN_STEPS_PER_SLICE}
 * steps of {@link ConvGemm#KSTEP} values of k; with more than one slice the launch writes {@code splits} planes of partial sums,
 * which {@link ConvGemm#sumSlices} adds.
 */
record GemmShape(int mode, int m, int n, int k, int splits, int phases, int spatial, int window, int inC, int outC) {

    static final int TARGET_WORK_ITEMS = 1 << 17;
    static final int MIN_STEPS_PER_SLICE = 1;

    static GemmShape of(LayerSpec spec, int count, int mode) {
        int s = spec.stride();
        int positions = count * spec.outH() * spec.outW();
        int m;
        int n;
        int k;
        int phases = 1;
        if (mode == ConvGemm.FORWARD) {
            m = positions;
            n = spec.outC();
            k = spec.fanIn();
        } else if (mode == ConvGemm.WEIGHT_GRADIENT) {
            m = spec.fanIn();
            n = spec.outC();
            k = positions;
        } else {
            phases = s * s;
            m = count * ((spec.inH() + s - 1) / s) * ((spec.inW() + s - 1) / s);
            n = spec.inC();
            int taps = (spec.kernel() + s - 1) / s;
            k = taps * taps * spec.outC();
        }
        int[] one = ConvGemm.grid(m, n, phases);
        long items = (long) one[0] * one[1] * one[2];
        long wanted = (TARGET_WORK_ITEMS + items - 1) / items;
        long most = Math.max(1, (k + ConvGemm.KSTEP - 1) / ConvGemm.KSTEP / MIN_STEPS_PER_SLICE);
        int splits = (int) Math.max(1, Math.min(wanted, most));
        return new GemmShape(mode, m, n, k, splits, phases,
                ConvGemm.pack(spec.inH(), spec.inW(), spec.outH(), spec.outW()),
                ConvGemm.pack(spec.kernel(), s, spec.padTop(), spec.padLeft()), spec.inC(), spec.outC());
    }

    /** Elements of the result (one plane of partial sums). */
    int size() {
        return ConvGemm.planeSize(mode, m, n, spatial, window, inC);
    }

    int[] globalSize() {
        return ConvGemm.grid(m, n, phases * splits);
    }

    long workItems() {
        int[] g = globalSize();
        return (long) g[0] * g[1] * g[2];
    }

    WorkerGrid workerGrid() {
        int[] g = globalSize();
        WorkerGrid grid = new WorkerGrid3D(g[0], g[1], g[2]);
        grid.setLocalWork(ConvGemm.TILE, ConvGemm.TILE, 1);
        return grid;
    }
}
