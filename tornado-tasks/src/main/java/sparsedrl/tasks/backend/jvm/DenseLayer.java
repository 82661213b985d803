package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.DenseKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/** A dense layer on the worker pool: forward over column blocks, backward over weight rows. */
final class DenseLayer implements JvmLayer {
    /**
     * Output columns per parallel iteration of the forward pass, and input features per iteration of
     * the input gradient: long enough inner loops for the JIT, while the batch's block stays in cache.
     */
    private static final int COLS_PER_BLOCK = 256;
    private static final int INPUT_COLS_PER_BLOCK = 256;
    /** Tile edge of the kernel transpose. */
    private static final int TILE = 32;

    private final WorkerPool pool;
    private final LayerTail tail;
    private final int inN;
    private final int outN;
    /** Forward and input-gradient sums; output gradient as doubles; the kernel transposed to [outN][inN]. */
    private final double[] acc;
    private final double[] inputAcc;
    private final double[] gradD;
    private final float[] weightT;
    private final int rowGrain;

    private float[] in;
    private float[] w;
    private float[] out;
    private float[] grad;
    private float[] gradIn;
    private float[] dW;
    private int count;

    private final RangeTask gradToDoubleTask;
    private final RangeTask forwardTask;
    private final RangeTask weightGradTask;
    private final RangeTask transposeWeightTask;
    private final RangeTask inputGradTask;

    DenseLayer(WorkerPool pool, LayerSpec spec, int batchSize, boolean needsInputGradient) {
        this.pool = pool;
        this.tail = new LayerTail(pool, spec.outC(), spec.bias(), spec.relu());
        inN = spec.inC();
        outN = spec.outC();
        acc = new double[batchSize * outN];
        gradD = new double[batchSize * outN];
        inputAcc = needsInputGradient ? new double[batchSize * inN] : null;
        weightT = needsInputGradient ? new float[inN * outN] : null;
        rowGrain = WorkerPool.grain((long) outN * batchSize);
        gradToDoubleTask = (from, to) -> ArrayKernels.toDouble(grad, gradD, from, to);
        forwardTask = (from, to) ->
                DenseKernels.forward(in, w, acc, out, count, inN, outN, COLS_PER_BLOCK, from, to);
        weightGradTask = (from, to) ->
                DenseKernels.backwardWeights(in, gradD, dW, count, inN, outN, from, to);
        transposeWeightTask = (from, to) -> ArrayKernels.transposeTiled(w, weightT, inN, outN, TILE, from, to);
        inputGradTask = (from, to) ->
                DenseKernels.backwardInput(grad, weightT, inputAcc, gradIn, count, inN, outN, INPUT_COLS_PER_BLOCK,
                        from, to);
    }

    @Override
    public void forward(float[] input, float[] weight, float[] bias, float[] output, int n) {
        in = input;
        w = weight;
        out = output;
        count = n;
        pool.run((outN + COLS_PER_BLOCK - 1) / COLS_PER_BLOCK, WorkerPool.grain((long) n * inN * COLS_PER_BLOCK),
                forwardTask);
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
        pool.run(n * outN, WorkerPool.grain(1), gradToDoubleTask);
        pool.run(inN, rowGrain, weightGradTask);
        if (gradInput != null) {
            w = params.weight;
            gradIn = gradInput;
            pool.run((outN + TILE - 1) / TILE, WorkerPool.grain((long) TILE * inN), transposeWeightTask);
            pool.run((inN + INPUT_COLS_PER_BLOCK - 1) / INPUT_COLS_PER_BLOCK,
                    WorkerPool.grain((long) n * outN * INPUT_COLS_PER_BLOCK), inputGradTask);
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
