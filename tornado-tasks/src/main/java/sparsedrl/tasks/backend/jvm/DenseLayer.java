package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.DenseKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/** A dense layer on the worker pool: forward over column blocks, backward over weight rows. */
final class DenseLayer implements JvmLayer {
    /** Output columns per parallel iteration of the forward pass: the batch's block stays in L1. */
    private static final int COLS_PER_BLOCK = 64;
    /** Input features per slice of the backward kernels. */
    private static final int ROW_GRAIN = 16;

    private final WorkerPool pool;
    private final LayerTail tail;
    private final int inN;
    private final int outN;
    /** Output gradient transposed to [outN][batch] and input gradient as [inN][batch]. */
    private final float[] gradOutT;
    private final float[] gradInT;

    private float[] in;
    private float[] w;
    private float[] out;
    private float[] grad;
    private float[] gradIn;
    private float[] dW;
    private int count;

    private final RangeTask forwardTask;
    private final RangeTask weightGradTask;
    private final RangeTask transposeGradOutTask;
    private final RangeTask inputGradTask;
    private final RangeTask transposeGradInTask;

    DenseLayer(WorkerPool pool, LayerSpec spec, int batchSize, boolean needsInputGradient) {
        this.pool = pool;
        this.tail = new LayerTail(pool, spec.outC(), spec.bias(), spec.relu());
        inN = spec.inC();
        outN = spec.outC();
        gradOutT = needsInputGradient ? new float[outN * batchSize] : null;
        gradInT = needsInputGradient ? new float[inN * batchSize] : null;
        forwardTask = (from, to) ->
                DenseKernels.forward(in, w, out, count, inN, outN, COLS_PER_BLOCK, from, to);
        weightGradTask = (from, to) ->
                DenseKernels.backwardWeights(in, grad, dW, count, inN, outN, from, to);
        transposeGradOutTask = (from, to) ->
                ArrayKernels.transpose(grad, gradOutT, count, outN, from, to);
        inputGradTask = (from, to) ->
                DenseKernels.backwardInputTransposed(gradOutT, w, gradInT, count, inN, outN, from, to);
        transposeGradInTask = (from, to) ->
                ArrayKernels.transpose(gradInT, gradIn, inN, count, from, to);
    }

    @Override
    public void forward(float[] input, float[] weight, float[] bias, float[] output, int n) {
        in = input;
        w = weight;
        out = output;
        count = n;
        pool.run((outN + COLS_PER_BLOCK - 1) / COLS_PER_BLOCK, 1, forwardTask);
        tail.forward(output, bias, n);
        release();
    }

    @Override
    public void backward(float[] input, float[] output, float[] gradOut, LayerParams params, float[] gradInput, int n) {
        tail.backward(output, gradOut, params.biasGrad, n);
        in = input;
        grad = gradOut;
        dW = params.weightGrad;
        count = n;
        pool.run(inN, ROW_GRAIN, weightGradTask);
        if (gradInput != null) {
            w = params.weight;
            gradIn = gradInput;
            pool.run(outN, ROW_GRAIN, transposeGradOutTask);
            pool.run(inN, ROW_GRAIN, inputGradTask);
            pool.run(n, 1, transposeGradInTask);
        }
        release();
    }

    private void release() {
        in = null;
        w = null;
        out = null;
        grad = null;
        gradIn = null;
        dW = null;
    }
}
