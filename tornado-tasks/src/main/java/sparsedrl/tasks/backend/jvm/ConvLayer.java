package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.ConvKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;

/** A conv layer on the worker pool: forward over output rows, backward over input rows and kernel rows. */
final class ConvLayer implements JvmLayer {
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
    /** Kernel rows (of outC weights) per parallel iteration of the weight gradient; divides inC. */
    private final int rowsPerBlock;
    /** The kernel as doubles (forward) and transposed to [k][k][outC][inC] (input gradient). */
    private final double[] weightD;
    private final double[] weightTD;
    /** The pre-activation output gradient as doubles (weight gradient). */
    private final double[] gradD;
    private final int rowGrain;
    private final int inRowGrain;
    private final int blockGrain;

    private float[] in;
    private float[] w;
    private float[] out;
    private float[] grad;
    private float[] gradIn;
    private float[] dW;
    private int count;

    private final RangeTask weightToDoubleTask;
    private final RangeTask gradToDoubleTask;
    private final RangeTask forwardTask;
    private final RangeTask transposeTask;
    private final RangeTask inputGradTask;
    private final RangeTask weightGradTask;

    ConvLayer(WorkerPool pool, LayerSpec spec, int batchSize, boolean needsInputGradient) {
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
        rowsPerBlock = largestDivisorAtMost(inC, 16);
        weightD = new double[spec.weightCount()];
        weightTD = needsInputGradient ? new double[spec.weightCount()] : null;
        gradD = new double[batchSize * spec.outSize()];
        long macsPerRow = (long) outW * outC * spec.fanIn();
        rowGrain = WorkerPool.grain(macsPerRow);
        inRowGrain = WorkerPool.grain(macsPerRow * inH / Math.max(1, outH));
        blockGrain = WorkerPool.grain((long) batchSize * outH * outW * outC * rowsPerBlock);
        weightToDoubleTask = (from, to) -> ArrayKernels.toDouble(w, weightD, from, to);
        gradToDoubleTask = (from, to) -> ArrayKernels.toDouble(grad, gradD, from, to);
        forwardTask = (from, to) -> ConvKernels.forward(in, weightD, out,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, from, to);
        transposeTask = (from, to) -> ArrayKernels.transposeToDouble(w, weightTD, inC, outC, from, to);
        inputGradTask = (from, to) -> ConvKernels.backwardInput(grad, weightTD, gradIn,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, from, to);
        weightGradTask = (from, to) -> ConvKernels.backwardWeights(in, gradD, dW, count,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, rowsPerBlock, from, to);
    }

    private static int largestDivisorAtMost(int n, int max) {
        for (int d = Math.min(n, max); d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }

    @Override
    public void forward(float[] input, float[] weight, float[] bias, float[] output, int n) {
        in = input;
        w = weight;
        out = output;
        pool.run(weight.length, WorkerPool.grain(1), weightToDoubleTask);
        pool.run(n * outH, rowGrain, forwardTask);
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
        pool.run(n * outH * outW * outC, WorkerPool.grain(1), gradToDoubleTask);
        pool.run(k * k * inC / rowsPerBlock, blockGrain, weightGradTask);
        if (gradInput != null) {
            w = params.weight;
            pool.run(k * k * outC, WorkerPool.grain(inC), transposeTask);
            gradIn = gradInput;
            pool.run(n * inH, inRowGrain, inputGradTask);
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
