package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.kernels.SparseKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/**
 * A dense layer over its active weights, with activations transposed to {@code [feature][sample]} so
 * that every active weight costs one contiguous axpy (or dot) over the batch: forward by output
 * column, input gradient by input row, weight gradient by input row.
 */
final class SparseDenseLayer implements SparseLayer {
    /** Vector API forms of the heavy kernels when the module is present (see {@link SparseSimd}). */
    private static final boolean SIMD = VectorSupport.available();

    private final WorkerPool pool;
    private final LayerTail tail;
    private final int inN;
    private final int outN;
    /** Input of the last forward pass as [inN][count]; output, output gradient and input gradient likewise. */
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
        inN = spec.inC();
        outN = spec.outC();
        inT = new float[batchSize * inN];
        outT = new float[batchSize * outN];
        gradT = new float[batchSize * outN];
        gradInT = new float[batchSize * inN];
        inTransposeTask = (from, to) -> SparseKernels.transposeBlocks(in, inT, count, inN, from, to);
        forwardTask = SIMD
                ? (from, to) -> SparseSimd.columnsAxpy(inT, index.colValues, index.colStart, index.colRow,
                outT, 1, inN, outN, count, from, to)
                : (from, to) -> SparseKernels.columnsAxpy(inT, index.colValues, index.colStart, index.colRow,
                outT, 1, inN, outN, count, from, to);
        outTransposeTask = (from, to) -> SparseKernels.transposeBlocks(outT, out, outN, count, from, to);
        gradTransposeTask = (from, to) -> SparseKernels.transposeBlocks(grad, gradT, count, outN, from, to);
        weightGradTask = SIMD
                ? (from, to) -> SparseSimd.activeWeightGrad(inT, gradT, index.rowStart, index.rowCol,
                index.rowFlat, dW, 1, inN, outN, count, from, to)
                : (from, to) -> SparseKernels.activeWeightGrad(inT, gradT, index.rowStart, index.rowCol,
                index.rowFlat, dW, 1, inN, outN, count, from, to);
        inputGradTask = SIMD
                ? (from, to) -> SparseSimd.rowsAxpy(gradT, index.rowValues, index.rowStart, index.rowCol,
                gradInT, 1, inN, outN, count, from, to)
                : (from, to) -> SparseKernels.rowsAxpy(gradT, index.rowValues, index.rowStart, index.rowCol,
                gradInT, 1, inN, outN, count, from, to);
        gradInTransposeTask = (from, to) -> SparseKernels.transposeBlocks(gradInT, gradIn, inN, count, from, to);
    }

    @Override
    public void use(ActiveIndex activeIndex) {
        activeIndex.requireShape(inN, outN);
        this.index = activeIndex;
    }

    @Override
    public void forward(float[] input, float[] weight, float[] bias, float[] output, int n) {
        in = input;
        out = output;
        count = n;
        index.gatherValues(weight, pool); // once per weight change
        pool.run(n, 1, inTransposeTask);
        pool.run(outN, WorkerPool.grain((long) n * Math.max(1, index.active / outN)), forwardTask);
        pool.run(outN, WorkerPool.grain(n), outTransposeTask);
        tail.forward(output, bias, n);
        release();
    }

    @Override
    public void backward(float[] input, float[] output, float[] gradOut, LayerParams params, float[] gradInput, int n) {
        tail.backward(output, gradOut, params.biasGrad, n);
        grad = gradOut;
        dW = params.weightGrad;
        count = n;
        pool.run(n, 1, gradTransposeTask);
        long perRow = (long) n * Math.max(1, index.active / inN);
        pool.run(inN, WorkerPool.grain(perRow), weightGradTask);
        if (gradInput != null) {
            gradIn = gradInput;
            index.gatherValues(params.weight, pool);
            pool.run(inN, WorkerPool.grain(perRow), inputGradTask);
            pool.run(inN, WorkerPool.grain(n), gradInTransposeTask);
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
