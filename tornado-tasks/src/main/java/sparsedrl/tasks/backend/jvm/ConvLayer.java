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
    /** The kernel transposed to [k][k][outC][inC] for the input gradient. */
    private final float[] weightT;

    private float[] in;
    private float[] w;
    private float[] out;
    private float[] grad;
    private float[] gradIn;
    private float[] dW;
    private int count;

    private final RangeTask forwardTask;
    private final RangeTask transposeTask;
    private final RangeTask inputGradTask;
    private final RangeTask weightGradTask;

    ConvLayer(WorkerPool pool, LayerSpec spec, boolean needsInputGradient) {
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
        weightT = needsInputGradient ? new float[spec.weightCount()] : null;
        forwardTask = (from, to) -> ConvKernels.forward(in, w, out,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, from, to);
        transposeTask = (from, to) -> ArrayKernels.transpose(w, weightT, inC, outC, from, to);
        inputGradTask = (from, to) -> ConvKernels.backwardInput(grad, weightT, gradIn,
                inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, from, to);
        weightGradTask = (from, to) -> ConvKernels.backwardWeights(in, grad, dW, count,
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
        pool.run(n * outH, 1, forwardTask);
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
        pool.run(k * k * inC / rowsPerBlock, 1, weightGradTask);
        if (gradInput != null) {
            w = params.weight;
            pool.run(k * k * outC, 1, transposeTask);
            gradIn = gradInput;
            pool.run(n * inH, 1, inputGradTask);
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
