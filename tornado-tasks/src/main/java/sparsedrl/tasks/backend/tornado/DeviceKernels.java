package sparsedrl.tasks.backend.tornado;

import sparsedrl.tasks.kernels.ActivationKernels;
import sparsedrl.tasks.kernels.AdamKernels;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.ConvKernels;
import sparsedrl.tasks.kernels.DenseKernels;
import sparsedrl.tasks.kernels.LossKernels;
import sparsedrl.tasks.kernels.MaskKernels;
import sparsedrl.tasks.kernels.SparseGatherKernels;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The shared kernels ({@code sparsedrl.tasks.kernels}) as TornadoVM task entry points. Each method
 * is one call: TornadoVM inlines the kernel, finds its {@code @Parallel} loop and compiles the pair as
 * one device kernel named after the method here. The wrapper is what makes the JVM-oriented kernel
 * signatures work on a device (all verified with TornadoVM 5.2 on OpenCL):
 * <ul>
 *   <li>the parallel range is the literal {@code (0, n)}: TornadoVM refuses a loop whose start is a
 *       parameter, but accepts it once the start is a constant after inlining;</li>
 *   <li>values that change per execution come from an array (TornadoVM compiles scalar arguments
 *       into the kernel), e.g. the Adam step's bias corrections;</li>
 *   <li>at most 15 parameters (the tornado-api that builds without an SDK has no larger task
 *       arity), block sizes fixed to one unit per work-item for parallelism;</li>
 *   <li>kernel names that are no OpenCL built-in (a kernel called {@code step} cannot be created).</li>
 * </ul>
 * Block sizes of 1 keep every output element's sum in the kernel's order, so results match the JVM
 * backend up to the device's rounding.
 */
final class DeviceKernels {

    private DeviceKernels() {
    }

    /**
     * uint8 to float. Not a wrapper: TornadoVM 5.2 compiles {@code b & 0xFF} (and {@code b < 0 ? b + 256 : b}
     * in integers) to a signed char load, so bytes >= 128 would come out negative. Adding 256 in float
     * survives its code generator. Same result as {@code ArrayKernels.scaleBytes} on the JVM.
     */
    static void scaleBytes(byte[] in, float scale, float[] out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            int v = in[i];
            out[i] = (v < 0 ? v + 256f : (float) v) * scale;
        }
    }

    static void copyArray(float[] src, float[] dst, int n) {
        ArrayKernels.copy(src, dst, 0, n);
    }

    static void copyInts(int[] src, int[] dst, int n) {
        ArrayKernels.copyInts(src, dst, 0, n);
    }

    static void toDouble(float[] src, double[] dst, int n) {
        ArrayKernels.toDouble(src, dst, 0, n);
    }

    /** {@code src[m][rows][cols]} to {@code dst[m][cols][rows]}, {@code n = m * cols} destination rows. */
    static void transposeFloat(float[] src, float[] dst, int rows, int cols, int n) {
        ArrayKernels.transpose(src, dst, rows, cols, 0, n);
    }

    static void transposeDouble(float[] src, double[] dst, int rows, int cols, int n) {
        ArrayKernels.transposeToDouble(src, dst, rows, cols, 0, n);
    }

    static void biasRelu(float[] x, float[] bias, int channels, int addBias, int relu, int rows) {
        ActivationKernels.biasRelu(x, bias, channels, addBias, relu, 0, rows);
    }

    static void reluBackward(float[] act, float[] grad, int n) {
        ActivationKernels.reluBackward(act, grad, 0, n);
    }

    /** Per-channel sums, one channel per work-item. */
    static void channelSums(float[] x, int rows, int channels, int absolute, float scale, float[] out) {
        ActivationKernels.channelSums(x, rows, channels, absolute, scale, out, 1, 0, channels);
    }

    static void convForward(float[] in, double[] w, float[] out, int inH, int inW, int inC, int outH, int outW,
                            int outC, int k, int stride, int padTop, int padLeft, int rows) {
        ConvKernels.forward(in, w, out, inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, 0, rows);
    }

    static void convBackwardInput(float[] dOut, double[] wT, float[] dIn, int inH, int inW, int inC, int outH,
                                  int outW, int outC, int k, int stride, int padTop, int padLeft, int rows) {
        ConvKernels.backwardInput(dOut, wT, dIn, inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft, 0, rows);
    }

    /** Kernel gradient, one kernel row (of outC weights) per work-item. */
    static void convBackwardWeights(float[] in, double[] dOut, float[] dW, int count, int inH, int inW, int inC,
                                    int outH, int outW, int outC, int k, int stride, int padTop, int padLeft) {
        ConvKernels.backwardWeights(in, dOut, dW, count, inH, inW, inC, outH, outW, outC, k, stride, padTop, padLeft,
                1, 0, k * k * inC);
    }

    /** Dense forward, one output column per work-item. */
    static void denseForward(float[] in, float[] w, double[] acc, float[] out, int count, int inN, int outN) {
        DenseKernels.forward(in, w, acc, out, count, inN, outN, 1, 0, outN);
    }

    /** Dense input gradient from the transposed kernel {@code wT[outN][inN]}, one input column per work-item. */
    static void denseBackwardInput(float[] dOut, float[] wT, double[] acc, float[] dIn, int count, int inN, int outN) {
        DenseKernels.backwardInput(dOut, wT, acc, dIn, count, inN, outN, 1, 0, inN);
    }

    static void denseBackwardWeights(float[] in, double[] dOut, float[] dW, int count, int inN, int outN) {
        DenseKernels.backwardWeights(in, dOut, dW, count, inN, outN, 0, inN);
    }

    static void tdLoss(float[] q, float[] qNextTarget, int[] actions, float[] rewards, float[] terminals, float gamma,
                       int lossKind, int numActions, int batch, float[] dQ, float[] loss) {
        LossKernels.tdLoss(q, qNextTarget, actions, rewards, terminals, gamma, lossKind, numActions, batch, dQ, loss,
                0, batch);
    }

    /**
     * One Adam step; {@code hyper} = {lr, beta1, beta2, 1-beta1, 1-beta2, eps, 1-beta1^t, 1-beta2^t},
     * refreshed on the host before every update.
     */
    static void adam(float[] w, float[] g, float[] m, float[] v, float[] mask, int useMask, float[] hyper, int n) {
        AdamKernels.step(w, g, m, v, mask, useMask, hyper[0], hyper[1], hyper[2], hyper[3], hyper[4], hyper[5],
                hyper[6], hyper[7], 0, n);
    }

    /** Adam over the listed weights only ({@code indices}: active flat indices, -1 padded to {@code n}). */
    static void adamAt(float[] w, float[] g, float[] m, float[] v, float[] mask, float[] hyper, int[] indices, int n) {
        AdamKernels.stepAt(w, g, m, v, mask, 1, hyper[0], hyper[1], hyper[2], hyper[3], hyper[4], hyper[5],
                hyper[6], hyper[7], indices, 0, n);
    }

    /** Sparse layer forward (no bias, no ReLU), one output element per work-item; {@code n} outputs. */
    static void sparseForward(float[] in, float[] w, int[] colStart, int[] colRow, float[] out, int[] geometry,
                              int n) {
        SparseGatherKernels.forward(in, w, colStart, colRow, out, geometry, 0, n);
    }

    /** Sparse layer input gradient, one input element per work-item; {@code n} inputs. */
    static void sparseInputGradient(float[] gradOut, float[] w, int[] rowStart, int[] rowCol, float[] gradIn,
                                    int[] geometry, int n) {
        SparseGatherKernels.inputGradient(gradOut, w, rowStart, rowCol, gradIn, geometry, 0, n);
    }

    /** Sparse layer weight gradient, one kernel row per work-item; {@code rows} rows. */
    static void sparseWeightGradient(float[] in, float[] gradOut, int[] rowStart, int[] rowCol, float[] dW,
                                     int[] geometry, int count, int rows) {
        SparseGatherKernels.weightGradient(in, gradOut, rowStart, rowCol, dW, geometry, count, 0, rows);
    }

    static void applyMask(float[] w, float[] mask, int n) {
        MaskKernels.apply(w, mask, 0, n);
    }
}
