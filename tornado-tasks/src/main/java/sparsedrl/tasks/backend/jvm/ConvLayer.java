package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.backend.jvm.simd.ConvGemm;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.ConvKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/**
 * A conv layer on the worker pool. Forward over output rows (or blocks of output positions for layers
 * with few channels), weight gradient over blocks of output channels, input gradient per sample. The
 * patch-wise kernels keep every innermost loop long and vectorisable; each is checked against the
 * plain kernel in ConvKernelFormsTest. When the Vector API is available ({@link VectorSupport}), the
 * layer runs as matrix products instead ({@link ConvGemm}), which give the same floats.
 */
final class ConvLayer implements JvmLayer {
    /** Layers with fewer output channels run the forward pass by blocks of positions. */
    private static final int POSITION_FORWARD_BELOW_CHANNELS = 64;
    /** Largest block of output positions: its transposed patches stay in L2. */
    private static final int MAX_POSITIONS_PER_BLOCK = 160;

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
    /** Output channels per parallel iteration of the weight gradient. */
    private final int channelsPerBlock;
    private final int channelBlocks;
    /** The kernel as doubles (forward) and transposed to [outC][k][k][inC] (input gradient). */
    private final double[] weightD;
    private final double[] weightTD;
    /** Each sample's patch gradient (input gradient). */
    private final float[] patchGrad;
    /**
     * Forward by blocks of output positions (see {@link ConvKernels#forwardByPositions}) when the layer
     * has few output channels, which leave the channel loop of {@link ConvKernels#forward} too short to
     * vectorise well; 0 means the channel-loop kernel.
     */
    private final int positionsPerBlock;
    private final int positionItemsPerSample;
    private final double[] patchesT;
    private final float[] outT;
    /** Weight gradient as [outC][k][k][inC], and each block's patches of one output row (doubles). */
    private final float[] weightGradT;
    private final double[] patches;
    private final int rowGrain;
    private final int blockGrain;
    private final int kk;

    private float[] in;
    private float[] w;
    private float[] out;
    private float[] grad;
    private float[] gradIn;
    private float[] dW;
    private int count;

    private final RangeTask weightToDoubleTask;
    private final RangeTask untransposeGradTask;
    private final RangeTask forwardTask;
    private final RangeTask forwardByPositionsTask;
    private final RangeTask transposeTask;
    private final RangeTask inputGradTask;
    private final RangeTask weightGradTask;

    /** The Vector-API path, or null for the plain kernels; its im2col / patch-gradient buffer. */
    private final ConvGemm gemm;
    private final float[] gemmPatches;
    /** The kernel transposed to [outC][K] floats (input gradient of the Vector-API path). */
    private final float[] gemmWeightT;
    private final RangeTask gemmForwardTask;
    private final RangeTask gemmIm2colTask;
    private final RangeTask gemmWeightGradTask;
    private final RangeTask gemmTransposeTask;
    private final RangeTask gemmInputGradTask;

    ConvLayer(WorkerPool pool, LayerSpec spec, int batchSize, boolean needsInputGradient) {
        this(pool, spec, batchSize, needsInputGradient, VectorSupport.available());
    }

    /** @param vectorApi run on the Vector API when the layer's shapes allow (only if it is available) */
    ConvLayer(WorkerPool pool, LayerSpec spec, int batchSize, boolean needsInputGradient, boolean vectorApi) {
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
        kk = spec.fanIn();
        channelBlocks = Math.min(outC, 8);
        channelsPerBlock = (outC + channelBlocks - 1) / channelBlocks;
        // the plain kernels' buffers only when they run
        boolean plain = !(vectorApi && ConvGemm.supports(spec, needsInputGradient));
        weightD = !plain || outC < POSITION_FORWARD_BELOW_CHANNELS ? null : new double[spec.weightCount()];
        weightTD = plain && needsInputGradient ? new double[spec.weightCount()] : null;
        patchGrad = plain && needsInputGradient ? new float[batchSize * spec.fanIn()] : null;
        int positions = outH * outW;
        if (plain && outC < POSITION_FORWARD_BELOW_CHANNELS) {
            positionItemsPerSample = (positions + MAX_POSITIONS_PER_BLOCK - 1) / MAX_POSITIONS_PER_BLOCK;
            positionsPerBlock = (positions + positionItemsPerSample - 1) / positionItemsPerSample;
            patchesT = new double[batchSize * positionItemsPerSample * kk * positionsPerBlock];
            outT = new float[batchSize * positionItemsPerSample * outC * positionsPerBlock];
        } else {
            positionItemsPerSample = 0;
            positionsPerBlock = 0;
            patchesT = null;
            outT = null;
        }
        weightGradT = plain ? new float[spec.weightCount()] : null;
        patches = plain ? new double[channelBlocks * outW * kk] : null;
        long macsPerRow = (long) outW * outC * spec.fanIn();
        rowGrain = WorkerPool.grain(macsPerRow);
        blockGrain = WorkerPool.grain((long) batchSize * outH * outW * kk * channelsPerBlock);
        weightToDoubleTask = (from, to) -> ArrayKernels.toDouble(w, weightD, from, to);
        untransposeGradTask = (from, to) -> ArrayKernels.transpose(weightGradT, dW, outC, kk, from, to);
        forwardTask = (from, to) -> ConvKernels.forward(in, weightD, out,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, from, to);
        forwardByPositionsTask = (from, to) -> ConvKernels.forwardByPositions(in, w, patchesT, outT, out,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, positionsPerBlock, from, to);
        transposeTask = (from, to) -> ArrayKernels.transposeToDouble(w, weightTD, kk, outC, from, to);
        inputGradTask = (from, to) -> ConvKernels.backwardInputByPatches(grad, weightTD, patchGrad, gradIn,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, from, to);
        weightGradTask = (from, to) -> ConvKernels.backwardWeightsTransposed(in, grad, patches, weightGradT, count,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, channelsPerBlock, from, to);
        if (!plain) {
            gemm = new ConvGemm(spec);
            gemmPatches = new float[gemm.rows(batchSize) * kk];
            gemmWeightT = needsInputGradient ? new float[spec.weightCount()] : null;
        } else {
            gemm = null;
            gemmPatches = null;
            gemmWeightT = null;
        }
        gemmForwardTask = (from, to) -> gemm.forward(in, w, gemmPatches, out, count * outH * outW, from, to);
        gemmIm2colTask = (from, to) -> gemm.im2col(in, gemmPatches, from, to);
        gemmWeightGradTask = (from, to) -> gemm.weightGradient(gemmPatches, grad, dW, count * outH * outW, from, to);
        gemmTransposeTask = (from, to) -> ArrayKernels.transpose(w, gemmWeightT, kk, outC, from, to);
        gemmInputGradTask = (from, to) -> gemm.inputGradient(grad, gemmWeightT, gemmPatches, gradIn, from, to);
    }

    @Override
    public void forward(float[] input, float[] weight, float[] bias, float[] output, int n) {
        in = input;
        w = weight;
        out = output;
        count = n;
        if (gemm != null) {
            int rows = n * outH * outW;
            pool.run((rows + ConvGemm.FORWARD_ROWS - 1) / ConvGemm.FORWARD_ROWS, 1, gemmForwardTask);
        } else if (positionsPerBlock > 0) {
            pool.run(n * positionItemsPerSample, 1, forwardByPositionsTask);
        } else {
            pool.run(weight.length, WorkerPool.grain(1), weightToDoubleTask);
            pool.run(n * outH, rowGrain, forwardTask);
        }
        tail.forward(output, bias, n * outH * outW);
        release();
    }

    @Override
    public void backward(float[] input, float[] output, float[] gradOut, LayerParams params, float[] gradInput, int n) {
        tail.backward(output, gradOut, params.biasGrad, n * outH * outW);
        in = input;
        grad = gradOut;
        dW = params.weightGrad;
        count = n;
        if (gemm != null) {
            backwardByGemm(params, gradInput, n);
            return;
        }
        pool.run(channelBlocks, blockGrain, weightGradTask);
        pool.run(kk, WorkerPool.grain(outC), untransposeGradTask);
        if (gradInput != null) {
            w = params.weight;
            pool.run(outC, WorkerPool.grain(kk), transposeTask);
            gradIn = gradInput;
            pool.run(n, 1, inputGradTask);
        }
        release();
    }

    /**
     * Weight gradient from the patches (recomputed: the target network's forward pass may have run
     * since), then the input gradient through the same buffer.
     */
    private void backwardByGemm(LayerParams params, float[] gradInput, int n) {
        int rows = n * outH * outW;
        pool.run(rows, WorkerPool.grain(kk), gemmIm2colTask);
        pool.run(gemm.weightItems(), 1, gemmWeightGradTask);
        if (gradInput != null) {
            w = params.weight;
            pool.run(outC, WorkerPool.grain(kk), gemmTransposeTask);
            gradIn = gradInput;
            pool.run(n, 1, gemmInputGradTask);
        }
        release();
    }

    /** Drops references to caller arrays between calls. */
    private void release() {
        in = null;
        w = null;
        out = null;
        grad = null;
        gradIn = null;
        dW = null;
    }
}
