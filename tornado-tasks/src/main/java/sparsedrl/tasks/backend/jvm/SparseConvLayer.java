package sparsedrl.tasks.backend.jvm;

import java.util.Arrays;
import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.kernels.ActivationKernels;
import sparsedrl.tasks.kernels.SparseKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/**
 * A conv layer over its active taps, without unfolding patches. Per sample the padded input is split
 * into stride phases ({@link SparseKernels#phaseCopy}); the output is computed on a grid as wide as a
 * phase row ({@code outH x phaseW}, the columns past {@code outW} are discarded), where tap
 * (ky, kx, ic) reads one contiguous run of its phase plane. So each output channel is a sum of axpys
 * of phase runs over its active taps, the weight gradient a dot product of a phase run with an output
 * gradient row per active weight, and the input gradient in phase form a sum of axpys of output
 * gradient rows over each tap's active channels, added into the tap's run. Work is proportional to
 * the number of active weights (times {@code phaseW / outW}), plus copies of the input and output
 * once per pass.
 */
final class SparseConvLayer implements SparseLayer {
    /** Vector API forms of the heavy kernels when the module is present (see {@link SparseSimd}). */
    private static final boolean SIMD = VectorSupport.available();
    /** Rows of the wide grid are padded to a multiple of this many floats (whole vectors). */
    private static final int ROW_ALIGN = 16;

    private final WorkerPool pool;
    private final LayerTail tail;
    private final int inH;
    private final int inW;
    private final int inC;
    private final int outH;
    private final int outW;
    private final int outC;
    private final int stride;
    private final int padTop;
    private final int padLeft;
    private final int taps;
    private final int positions;
    private final int phaseH;
    private final int phaseW;
    /** Length of a row of the wide output grid ({@code outH * phaseW} rounded up to whole vectors). */
    private final int len;
    /** Floats per sample in {@link #phases}: all planes plus room for the last tap's run. */
    private final int sampleStride;
    /** Start of tap t's run in a sample's phases; start of channel c's row in a sample's wide grid. */
    private final int[] tapOffset;
    private final int[] channelOffset;
    /** The padded input split into stride phases (its padding positions stay 0 from allocation). */
    private final float[] phases;
    /** The input gradient in phase form (backward), or null for the first layer. */
    private final float[] gradPhases;
    /** Output and output gradient on the wide grid, {@code [sample][channel][len]}; the gradient is 0 off the image. */
    private final float[] outT;
    private final float[] gradT;
    /** Each sample's bias gradient (summed over samples in order afterwards), or null without a bias. */
    private final float[] biasPartial;
    private final boolean relu;
    private ActiveIndex index;

    private float[] in;
    private float[] bias;
    private float[] out;
    private float[] grad;
    private float[] gradIn;
    private float[] dW;
    private int count;

    private final RangeTask forwardTask;
    private final RangeTask gradTransposeTask;
    private final RangeTask weightGradTask;
    private final RangeTask inputGradTask;

    /** @param needsInputGradient whether backward computes the input gradient (all but the first layer) */
    SparseConvLayer(WorkerPool pool, LayerSpec spec, int batchSize, boolean needsInputGradient) {
        this.pool = pool;
        this.tail = new LayerTail(pool, spec.outC(), spec.bias(), spec.relu());
        inH = spec.inH();
        inW = spec.inW();
        inC = spec.inC();
        outH = spec.outH();
        outW = spec.outW();
        outC = spec.outC();
        int k = spec.kernel();
        stride = spec.stride();
        padTop = spec.padTop();
        padLeft = spec.padLeft();
        taps = spec.fanIn();
        positions = outH * outW;
        // padded extent (out - 1) * stride + k covers every tap; rounded up to whole phases
        phaseH = ((outH - 1) * stride + k + stride - 1) / stride;
        phaseW = ((outW - 1) * stride + k + stride - 1) / stride;
        len = (outH * phaseW + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
        int planes = stride * stride * inC;
        sampleStride = (planes * phaseH * phaseW + len + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
        tapOffset = new int[taps];
        for (int t = 0; t < taps; t++) {
            int ic = t % inC;
            int kx = (t / inC) % k;
            int ky = t / (inC * k);
            tapOffset[t] = (((ky % stride) * stride + kx % stride) * inC + ic) * phaseH * phaseW
                    + (ky / stride) * phaseW + kx / stride;
        }
        // padded to whole vectors with 0 (lanes past outC stay in bounds): the index map of the vector transposes
        channelOffset = new int[(outC + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN];
        for (int c = 0; c < outC; c++) {
            channelOffset[c] = c * len;
        }
        phases = new float[batchSize * sampleStride];
        gradPhases = needsInputGradient ? new float[batchSize * sampleStride] : null;
        outT = new float[batchSize * outC * len];
        gradT = new float[batchSize * outC * len];
        biasPartial = spec.bias() ? new float[batchSize * outC] : null;
        relu = spec.relu();
        // Sample by sample, so that its phases and output grid stay in cache from copy to activation
        // (bias and ReLU on the channel rows, also off the image: those columns are discarded).
        forwardTask = (from, to) -> {
            for (int b = from; b < to; b++) {
                SparseKernels.phaseCopy(in, phases, sampleStride, 1, inH, inW, inC, stride, padTop, padLeft, phaseH,
                        phaseW, b, b + 1);
                combine(phases, sampleStride, index.colValues, index.colStart, index.colOffset, outT, outC * len,
                        channelOffset, outC, 0, b * outC, (b + 1) * outC);
                tail.forwardByChannel(outT, b * outC * len, len, bias);
                for (int oy = 0; oy < outH; oy++) {
                    int from0 = b * outC * len + oy * phaseW;
                    int to0 = ((b * outH + oy) * outW) * outC;
                    if (SIMD) {
                        SparseSimd.transposeGathering(outT, from0, channelOffset, out, to0, outC,
                                outC, outW);
                    } else {
                        SparseKernels.transpose(outT, from0, len, out, to0, outC, outC, outW);
                    }
                }
            }
        };
        // Per sample: the taps' runs overlap, so one thread adds them up in tap order.
        inputGradTask = (from, to) -> {
            for (int b = from; b < to; b++) {
                Arrays.fill(gradPhases, b * sampleStride, (b + 1) * sampleStride, 0f);
                combine(gradT, outC * len, index.rowValues, index.rowStart, index.rowOffset, gradPhases, sampleStride,
                        tapOffset, taps, 1, b * taps, (b + 1) * taps);
                SparseKernels.phaseCopy(gradIn, gradPhases, sampleStride, 0, inH, inW, inC, stride, padTop, padLeft,
                        phaseH, phaseW, b, b + 1);
            }
        };
        // The layer tail's backward on the wide grid, sample by sample: the ReLU mask from the output
        // rows the online forward pass left in outT, the bias gradient as per-sample channel sums.
        gradTransposeTask = (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < outH; oy++) {
                    int from0 = ((b * outH + oy) * outW) * outC;
                    int to0 = b * outC * len + oy * phaseW;
                    if (SIMD) {
                        SparseSimd.transposeScattering(grad, from0, outC, gradT, to0,
                                channelOffset, outW, outC);
                    } else {
                        SparseKernels.transpose(grad, from0, outC, gradT, to0, len, outW, outC);
                    }
                }
                int base = b * outC * len;
                if (relu) {
                    ActivationKernels.reluBackward(outT, gradT, base, base + outC * len);
                }
                if (biasPartial != null) {
                    ActivationKernels.channelRowSums(gradT, base, len, biasPartial, b * outC, 0, outC);
                }
            }
        };
        weightGradTask = SIMD
                ? (from, to) -> SparseSimd.activeWeightGrad(phases, sampleStride, tapOffset, gradT, outC * len, len,
                index.rowStart, index.rowCol, index.rowFlat, dW, count, len, from, to)
                : (from, to) -> SparseKernels.activeWeightGrad(phases, sampleStride, tapOffset, gradT, outC * len, len,
                index.rowStart, index.rowCol, index.rowFlat, dW, count, len, from, to);
    }

    private void combine(float[] x, int xBlock, float[] values, int[] start, int[] offsets, float[] y, int yBlock,
                         int[] yOffsets, int lists, int accumulate, int from, int to) {
        if (SIMD) {
            SparseSimd.combineLists(x, xBlock, values, start, offsets, y, yBlock, yOffsets, lists, len, accumulate,
                    from, to);
        } else {
            SparseKernels.combineLists(x, xBlock, values, start, offsets, y, yBlock, yOffsets, lists, len, accumulate,
                    from, to);
        }
    }

    @Override
    public void use(ActiveIndex activeIndex) {
        activeIndex.requireShape(taps, outC);
        activeIndex.useOffsets(tapOffset, channelOffset);
        this.index = activeIndex;
    }

    @Override
    public void forward(float[] input, float[] weight, float[] layerBias, float[] output, int n) {
        in = input;
        bias = layerBias;
        out = output;
        count = n;
        index.gatherValues(weight, pool); // once per weight change
        pool.run(n, 1, forwardTask);
        release();
    }

    @Override
    public void backward(float[] input, float[] output, float[] gradOut, LayerParams params, float[] gradInput, int n) {
        grad = gradOut;
        dW = params.weightGrad;
        count = n;
        pool.run(n, 1, gradTransposeTask);
        if (biasPartial != null) {
            for (int c = 0; c < outC; c++) {
                float sum = 0f;
                for (int b = 0; b < n; b++) {
                    sum += biasPartial[b * outC + c];
                }
                params.biasGrad[c] = sum;
            }
        }
        long perTap = (long) n * len * Math.max(1, index.active / taps);
        pool.run(taps, WorkerPool.grain(perTap), weightGradTask);
        if (gradInput != null) {
            if (gradPhases == null) {
                throw new IllegalStateException("layer built without an input gradient");
            }
            gradIn = gradInput;
            index.gatherValues(params.weight, pool);
            pool.run(n, 1, inputGradTask);
        }
        release();
    }

    private void release() {
        in = null;
        bias = null;
        out = null;
        grad = null;
        gradIn = null;
        dW = null;
    }
}
