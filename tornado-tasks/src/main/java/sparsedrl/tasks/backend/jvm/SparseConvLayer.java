package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.kernels.SparseKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/**
 * A conv layer over its active taps. Per sample the padded input, split into stride phases, is unfolded
 * (contiguous row copies) into transposed patches
 * {@code [tap][position]}; each output channel is then a sum of axpys over its active taps (long
 * contiguous loops over positions), the patch gradient a sum of axpys over each tap's active output
 * channels, and the weight gradient a dot product per active weight. Work is proportional to the
 * number of active weights, plus the unfolding (one copy per tap and position).
 */
final class SparseConvLayer implements SparseLayer {
    /** Vector API forms of the heavy kernels when the module is present (see {@link SparseSimd}). */
    private static final boolean SIMD = VectorSupport.available();

    private final WorkerPool pool;
    private final LayerTail tail;
    private final int inH;
    private final int inW;
    private final int inC;
    private final int outH;
    private final int outW;
    private final int outC;
    private final int k;
    private final int stride;
    private final int padTop;
    private final int padLeft;
    private final int taps;
    private final int positions;
    /** Patches of the last forward pass, overwritten by the patch gradient in backward. */
    private final float[] patches;
    /** Padded input (forward) or input gradient (backward) split into stride phases (SparseKernels.toPhases). */
    private final float[] phases;
    private final int phaseH;
    private final int phaseW;
    private final float[] outT;
    private final float[] gradT;
    private ActiveIndex index;

    private float[] in;
    private float[] out;
    private float[] grad;
    private float[] gradIn;
    private float[] dW;
    private int count;

    private final RangeTask toPhasesTask;
    private final RangeTask fromPhasesTask;
    private final RangeTask patchesTask;
    private final RangeTask forwardTask;
    private final RangeTask outTransposeTask;
    private final RangeTask gradTransposeTask;
    private final RangeTask weightGradTask;
    private final RangeTask patchGradTask;
    private final RangeTask scatterTask;

    SparseConvLayer(WorkerPool pool, LayerSpec spec, int batchSize) {
        this.pool = pool;
        this.tail = new LayerTail(pool, spec.outC(), spec.bias(), spec.relu());
        inH = spec.inH();
        inW = spec.inW();
        inC = spec.inC();
        outH = spec.outH();
        outW = spec.outW();
        outC = spec.outC();
        k = spec.kernel();
        stride = spec.stride();
        padTop = spec.padTop();
        padLeft = spec.padLeft();
        taps = spec.fanIn();
        positions = outH * outW;
        patches = new float[batchSize * taps * positions];
        // padded extent (out - 1) * stride + k covers every tap; rounded up to whole phases
        phaseH = ((outH - 1) * stride + k + stride - 1) / stride;
        phaseW = ((outW - 1) * stride + k + stride - 1) / stride;
        phases = new float[batchSize * stride * stride * inC * phaseH * phaseW];
        outT = new float[batchSize * outC * positions];
        gradT = new float[batchSize * outC * positions];
        toPhasesTask = (from, to) -> SparseKernels.toPhases(in, phases, inH, inW, inC, stride, padTop, padLeft,
                phaseH, phaseW, from, to);
        fromPhasesTask = (from, to) -> SparseKernels.fromPhases(phases, gradIn, inH, inW, inC, stride, padTop, padLeft,
                phaseH, phaseW, from, to);
        patchesTask = (from, to) -> SparseKernels.patchesT(phases, patches, inC, outH, outW, k, stride, phaseH, phaseW,
                from, to);
        forwardTask = SIMD
                ? (from, to) -> SparseSimd.columnsAxpy(patches, index.colValues, index.colStart,
                index.colRow, outT, count, taps, outC, positions, from, to)
                : (from, to) -> SparseKernels.columnsAxpy(patches, index.colValues, index.colStart,
                index.colRow, outT, count, taps, outC, positions, from, to);
        outTransposeTask = (from, to) -> SparseKernels.transposeBlocks(outT, out, outC, positions, from, to);
        gradTransposeTask = (from, to) -> SparseKernels.transposeBlocks(grad, gradT, positions, outC, from, to);
        weightGradTask = SIMD
                ? (from, to) -> SparseSimd.activeWeightGrad(patches, gradT, index.rowStart, index.rowCol,
                index.rowFlat, dW, count, taps, outC, positions, from, to)
                : (from, to) -> SparseKernels.activeWeightGrad(patches, gradT, index.rowStart, index.rowCol,
                index.rowFlat, dW, count, taps, outC, positions, from, to);
        patchGradTask = SIMD
                ? (from, to) -> SparseSimd.rowsAxpy(gradT, index.rowValues, index.rowStart, index.rowCol,
                patches, count, taps, outC, positions, from, to)
                : (from, to) -> SparseKernels.rowsAxpy(gradT, index.rowValues, index.rowStart, index.rowCol,
                patches, count, taps, outC, positions, from, to);
        scatterTask = (from, to) -> SparseKernels.scatterPatchesT(patches, phases, inC, outH, outW, k, stride, phaseH,
                phaseW, from, to);
    }

    @Override
    public void use(ActiveIndex activeIndex) {
        activeIndex.requireShape(taps, outC);
        this.index = activeIndex;
    }

    @Override
    public void forward(float[] input, float[] weight, float[] bias, float[] output, int n) {
        in = input;
        out = output;
        count = n;
        index.gatherValues(weight, pool); // once per weight change
        pool.run(n, 1, toPhasesTask);
        pool.run(n, 1, patchesTask);
        long perChannel = (long) positions * Math.max(1, index.active / outC);
        pool.run(n * outC, WorkerPool.grain(perChannel), forwardTask);
        pool.run(n * outC, WorkerPool.grain(positions), outTransposeTask);
        tail.forward(output, bias, n * positions);
        release();
    }

    @Override
    public void backward(float[] input, float[] output, float[] gradOut, LayerParams params, float[] gradInput, int n) {
        tail.backward(output, gradOut, params.biasGrad, n * positions);
        grad = gradOut;
        dW = params.weightGrad;
        count = n;
        pool.run(n * positions, WorkerPool.grain(outC), gradTransposeTask);
        long perTap = (long) n * positions * Math.max(1, index.active / taps);
        pool.run(taps, WorkerPool.grain(perTap), weightGradTask);
        if (gradInput != null) {
            gradIn = gradInput;
            index.gatherValues(params.weight, pool);
            pool.run(n * taps, WorkerPool.grain((long) positions * Math.max(1, index.active / taps)), patchGradTask);
            pool.run(n, 1, scatterTask);
            pool.run(n, 1, fromPhasesTask);
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
