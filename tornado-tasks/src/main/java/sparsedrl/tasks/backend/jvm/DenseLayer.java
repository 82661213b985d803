package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.backend.jvm.simd.DenseGemm;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.DenseKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/**
 * A dense layer on the worker pool: forward over column blocks, backward over weight rows. When the
 * Vector API is available ({@link VectorSupport}) and the widths fit, it runs as matrix products
 * ({@link DenseGemm}): the weight gradient gives the same floats as the plain kernels; forward and
 * input gradient sum in float instead of double (both paths are checked against the reference).
 */
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

    /** The Vector-API path, or null for the plain kernels. */
    private final DenseGemm gemm;
    private final RangeTask gemmForwardTask;
    private final RangeTask gemmWeightGradTask;
    private final RangeTask gemmInputGradTask;
    private final RangeTask gemmUntransposeTask;
    /** Batch width of the transposed gradients (whole vectors), and those gradients: [outN] and [inN] rows. */
    private final int gemmWidth;
    private final float[] gemmGradT;
    private final float[] gemmInputT;

    DenseLayer(WorkerPool pool, LayerSpec spec, int batchSize, boolean needsInputGradient) {
        this(pool, spec, batchSize, needsInputGradient, VectorSupport.available());
    }

    /** @param vectorApi run on the Vector API when the layer's widths allow (only if it is available) */
    DenseLayer(WorkerPool pool, LayerSpec spec, int batchSize, boolean needsInputGradient, boolean vectorApi) {
        this.pool = pool;
        this.tail = new LayerTail(pool, spec.outC(), spec.bias(), spec.relu());
        inN = spec.inC();
        outN = spec.outC();
        gemm = vectorApi && DenseGemm.supports(outN) ? new DenseGemm(inN, outN) : null;
        // the plain kernels' buffers only when they run (the transposed kernel is as large as the layer)
        boolean plain = gemm == null;
        acc = plain ? new double[batchSize * outN] : null;
        gradD = plain ? new double[batchSize * outN] : null;
        inputAcc = plain && needsInputGradient ? new double[batchSize * inN] : null;
        weightT = plain && needsInputGradient ? new float[inN * outN] : null;
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
        gemmWidth = gemm == null ? 0 : DenseGemm.transposedWidth(batchSize);
        gemmGradT = gemm != null && needsInputGradient ? new float[outN * gemmWidth] : null;
        gemmInputT = gemm != null && needsInputGradient ? new float[inN * gemmWidth] : null;
        gemmForwardTask = (from, to) -> gemm.forward(in, w, out, count, from, to);
        gemmWeightGradTask = (from, to) -> gemm.weightGradient(in, grad, dW, count, from, to);
        gemmInputGradTask = (from, to) -> gemm.inputGradientTransposed(w, gemmGradT, gemmInputT, gemmWidth, from, to);
        gemmUntransposeTask = (from, to) -> gemm.untransposeInput(gemmInputT, gradIn, gemmWidth, from, to);
    }

    @Override
    public void forward(float[] input, float[] weight, float[] bias, float[] output, int n) {
        in = input;
        w = weight;
        out = output;
        count = n;
        if (gemm != null) {
            pool.run(gemm.forwardItems(), 1, gemmForwardTask);
            tail.forward(output, bias, n);
            release();
            return;
        }
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
        if (gemm != null) {
            backwardByGemm(params, gradInput, n);
            return;
        }
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

    private void backwardByGemm(LayerParams params, float[] gradInput, int n) {
        pool.run(gemm.weightItems(), WorkerPool.grain((long) DenseGemm.WEIGHT_ROWS * outN * n), gemmWeightGradTask);
        if (gradInput != null) {
            w = params.weight;
            gradIn = gradInput;
            gemm.transposeGradient(grad, gemmGradT, gemmWidth, n);
            pool.run(gemm.inputItems(), 1, gemmInputGradTask);
            pool.run(n, 1, gemmUntransposeTask);
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
