package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.kernels.SparseKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/**
 * A dense layer over its active weights, with activations transposed to {@code [feature][sample]}
 * (rows of {@code batchSize} floats, the first {@code count} used) so that every active weight costs
 * one contiguous axpy (or dot) over the batch: forward by output column, input gradient by input
 * row, weight gradient by input row.
 */
final class SparseDenseLayer implements SparseLayer {
    /** Vector API forms of the heavy kernels when the module is present (see {@link SparseSimd}). */
    private static final boolean SIMD = VectorSupport.available();
    /** Features per item of the transposes. */
    private static final int FEATURES_PER_ITEM = 64;

    private final WorkerPool pool;
    private final LayerTail tail;
    private final int inN;
    private final int outN;
    private final int batchSize;
    /** Start of input row r / output row c in the transposed buffers ({@code r * batchSize}). */
    private final int[] inOffset;
    private final int[] outOffset;
    /** Input of the last forward pass as [inN][batchSize]; output, output gradient and input gradient likewise. */
    private final float[] inT;
    private final float[] outT;
    private final float[] gradT;
    private final float[] gradInT;
    private ActiveIndex index;

    private float[] in;
    private float[] out;
    private float[] grad;
    private float[] gradIn;
    private float[] dW;
    private int count;

    private final RangeTask inTransposeTask;
    private final RangeTask forwardTask;
    private final RangeTask outTransposeTask;
    private final RangeTask gradTransposeTask;
    private final RangeTask weightGradTask;
    private final RangeTask inputGradTask;
    private final RangeTask gradInTransposeTask;

    SparseDenseLayer(WorkerPool pool, LayerSpec spec, int batchSize) {
        this.pool = pool;
        this.tail = new LayerTail(pool, spec.outC(), spec.bias(), spec.relu());
        this.batchSize = batchSize;
        inN = spec.inC();
        outN = spec.outC();
        inOffset = rowStarts(inN, batchSize);
        outOffset = rowStarts(outN, batchSize);
        inT = new float[batchSize * inN];
        outT = new float[batchSize * outN];
        gradT = new float[batchSize * outN];
        gradInT = new float[batchSize * inN];
        inTransposeTask = (from, to) -> toFeatureRows(in, inT, inN, from, to);
        forwardTask = (from, to) -> combine(inT, index.colValues, index.colStart, index.colOffset, outT, outOffset,
                outN, from, to);
        outTransposeTask = (from, to) -> fromFeatureRows(outT, out, outN, from, to);
        gradTransposeTask = (from, to) -> toFeatureRows(grad, gradT, outN, from, to);
        weightGradTask = SIMD
                ? (from, to) -> SparseSimd.activeWeightGrad(inT, 0, inOffset, gradT, 0, batchSize, index.rowStart,
                index.rowCol, index.rowFlat, dW, 1, count, from, to)
                : (from, to) -> SparseKernels.activeWeightGrad(inT, 0, inOffset, gradT, 0, batchSize, index.rowStart,
                index.rowCol, index.rowFlat, dW, 1, count, from, to);
        inputGradTask = (from, to) -> combine(gradT, index.rowValues, index.rowStart, index.rowOffset, gradInT,
                inOffset, inN, from, to);
        gradInTransposeTask = (from, to) -> fromFeatureRows(gradInT, gradIn, inN, from, to);
    }

    private static int[] rowStarts(int rows, int stride) {
        int[] starts = new int[rows];
        for (int r = 0; r < rows; r++) {
            starts[r] = r * stride;
        }
        return starts;
    }

    private void combine(float[] x, float[] values, int[] start, int[] offsets, float[] y, int[] yOffsets, int lists,
                         int from, int to) {
        if (SIMD) {
            SparseSimd.combineLists(x, 0, values, start, offsets, y, 0, yOffsets, lists, count, 0, from, to);
        } else {
            SparseKernels.combineLists(x, 0, values, start, offsets, y, 0, yOffsets, lists, count, 0, from, to);
        }
    }

    /** {@code [count][features]} to {@code [features][batchSize]}, for the feature blocks {@code [from, to)}. */
    private void toFeatureRows(float[] src, float[] dst, int features, int from, int to) {
        for (int item = from; item < to; item++) {
            int f0 = item * FEATURES_PER_ITEM;
            SparseKernels.transpose(src, f0, features, dst, f0 * batchSize, batchSize, count,
                    Math.min(FEATURES_PER_ITEM, features - f0));
        }
    }

    /** {@code [features][batchSize]} to {@code [count][features]}, for the feature blocks {@code [from, to)}. */
    private void fromFeatureRows(float[] src, float[] dst, int features, int from, int to) {
        for (int item = from; item < to; item++) {
            int f0 = item * FEATURES_PER_ITEM;
            SparseKernels.transpose(src, f0 * batchSize, batchSize, dst, f0, features,
                    Math.min(FEATURES_PER_ITEM, features - f0), count);
        }
    }

    private void transposeRun(int features, RangeTask task) {
        int items = (features + FEATURES_PER_ITEM - 1) / FEATURES_PER_ITEM;
        pool.run(items, WorkerPool.grain((long) FEATURES_PER_ITEM * count), task);
    }

    @Override
    public void use(ActiveIndex activeIndex) {
        activeIndex.requireShape(inN, outN);
        activeIndex.useOffsets(inOffset, outOffset);
        this.index = activeIndex;
    }

    @Override
    public void forward(float[] input, float[] weight, float[] bias, float[] output, int n) {
        in = input;
        out = output;
        count = n;
        index.gatherValues(weight, pool); // once per weight change
        transposeRun(inN, inTransposeTask);
        pool.run(outN, WorkerPool.grain((long) n * Math.max(1, index.active / outN)), forwardTask);
        transposeRun(outN, outTransposeTask);
        tail.forward(output, bias, n);
        release();
    }

    @Override
    public void backward(float[] input, float[] output, float[] gradOut, LayerParams params, float[] gradInput, int n) {
        tail.backward(output, gradOut, params.biasGrad, n);
        grad = gradOut;
        dW = params.weightGrad;
        count = n;
        transposeRun(outN, gradTransposeTask);
        long perRow = (long) n * Math.max(1, index.active / inN);
        pool.run(inN, WorkerPool.grain(perRow), weightGradTask);
        if (gradInput != null) {
            gradIn = gradInput;
            index.gatherValues(params.weight, pool);
            pool.run(inN, WorkerPool.grain(perRow), inputGradTask);
            transposeRun(inN, gradInTransposeTask);
        }
        release();
    }

    private void release() {
        in = null;
        out = null;
        grad = null;
        gradIn = null;
        dW = null;
    }
}
