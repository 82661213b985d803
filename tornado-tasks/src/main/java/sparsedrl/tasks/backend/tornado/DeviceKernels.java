package sparsedrl.tasks.backend.tornado;

import sparsedrl.tasks.kernels.ActivationKernels;
import sparsedrl.tasks.kernels.AdamKernels;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.LossKernels;
import sparsedrl.tasks.kernels.MaskKernels;
import sparsedrl.tasks.kernels.SparseGatherKernels;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.math.TornadoMath;

/**
 * The device's element-wise, reduction and sparse kernels (the heavy dense products are
 * {@link ConvGemm}). Float only: no {@code double} reaches device code. Most are the shared kernels
 * ({@code sparsedrl.tasks.kernels}) as TornadoVM task entry points: TornadoVM inlines the kernel,
 * finds its {@code @Parallel} loop and compiles the pair as one device kernel named after the method
 * here. The wrapper is what makes the JVM-oriented signatures work on a device (all verified with
 * TornadoVM 5.2 on OpenCL):
 * <ul>
 *   <li>the parallel range is the literal {@code (0, n)}: TornadoVM refuses a loop whose start is a
 *       parameter, but accepts it once the start is a constant after inlining;</li>
 *   <li>values that change per execution come from an array (TornadoVM compiles scalar arguments
 *       into the kernel), e.g. the Adam step's bias corrections;</li>
 *   <li>at most 15 parameters (the tornado-api that builds without an SDK has no larger task
 *       arity);</li>
 *   <li>kernel names that are no OpenCL built-in (a kernel called {@code step} cannot be created).</li>
 * </ul>
 * The per-channel sums (bias gradient, activation means) are written for a device instead: a 2-D
 * grid of channels x row slices ({@link #channelPartials}), then
 * {@link ConvGemm#sumSlices} adds the slices in order.
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

    static void reluBackward(float[] act, float[] grad, int n) {
        ActivationKernels.reluBackward(act, grad, 0, n);
    }

    static void tdLoss(float[] q, float[] qNextTarget, int[] actions, float[] rewards, float[] terminals, float gamma,
                       int lossKind, int numActions, int batch, float[] dQ, float[] loss) {
        LossKernels.tdLoss(q, qNextTarget, actions, rewards, terminals, gamma, lossKind, numActions, batch, dQ, loss,
                0, batch);
    }

    /**
     * One Adam step, {@link AdamKernels}' formula for the device: {@code hyper} = {lr, beta1, beta2,
     * 1-beta1, 1-beta2, eps, 1-beta1^t, 1-beta2^t}, refreshed on the host before every update. The
     * square root is the device's float one: AdamKernels' {@code (float) Math.sqrt} would compute in
     * double there (on the JVM both give the correctly rounded float root).
     */
    static void adam(float[] w, float[] g, float[] m, float[] v, float[] mask, int useMask, float[] hyper, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            adamElement(w, g, m, v, mask, useMask, hyper, i);
        }
    }

    /** Adam over the listed weights only ({@code indices}: active flat indices, -1 padded to {@code n}). */
    static void adamAt(float[] w, float[] g, float[] m, float[] v, float[] mask, float[] hyper, int[] indices, int n) {
        for (@Parallel int j = 0; j < n; j++) {
            int i = indices[j];
            if (i >= 0) {
                adamElement(w, g, m, v, mask, 1, hyper, i);
            }
        }
    }

    private static void adamElement(float[] w, float[] g, float[] m, float[] v, float[] mask, int useMask,
                                    float[] hyper, int i) {
        float gi = g[i];
        float mi = hyper[1] * m[i] + hyper[3] * gi;
        float vi = hyper[2] * v[i] + hyper[4] * gi * gi;
        m[i] = mi;
        v[i] = vi;
        float wi = w[i] - hyper[0] * (mi / hyper[6]) / (TornadoMath.sqrt(vi / hyper[7]) + hyper[5]);
        w[i] = useMask == 1 ? wi * mask[i] : wi;
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

    static void applyMask(float[] w, float[] mask, int n) {
        MaskKernels.apply(w, mask, 0, n);
    }

    /** {@link #channelPartials} modes. */
    static final int SUM = 0;
    static final int RELU_BACKWARD = 1;
    static final int ABSOLUTE = 2;

    /**
     * Work-item (c, s) of a channels x slices grid: for the rows of slice s (rows split evenly in
     * {@code slices}) of channel c of {@code x} (rows x channels), writes to
     * {@code partial[s*channels + c]} the sum of {@code x} ({@link #SUM}: a bias gradient), of
     * {@code x} after zeroing it in place where the ReLU output {@code act} is not positive
     * ({@link #RELU_BACKWARD}: the ReLU backward fused with the bias gradient), or of {@code |x|}
     * ({@link #ABSOLUTE}: unit activity). {@code act} is only read by RELU_BACKWARD.
     */
    static void channelPartials(KernelContext context, float[] x, float[] act, float[] partial, int rows,
                                int channels, int slices, int mode) {
        int c = context.globalIdx;
        int slice = context.globalIdy;
        if (c < channels && slice < slices) {
            int per = (rows + slices - 1) / slices;
            int end = Math.min(rows, (slice + 1) * per);
            float sum = 0f;
            for (int r = slice * per; r < end; r++) {
                int i = r * channels + c;
                float v = x[i];
                if (mode == RELU_BACKWARD) {
                    v = act[i] > 0f ? v : 0f;
                    x[i] = v;
                } else if (mode == ABSOLUTE) {
                    v = Math.abs(v);
                }
                sum += v;
            }
            partial[slice * channels + c] = sum;
        }
    }

    /** Sparse weight gradient, partial sums: {@code n} = slices x entries items ({@link SparseGatherKernels}). */
    static void sparseWeightGradientPartials(float[] in, float[] gradOut, int[] activeFlat, float[] partial,
                                             int[] geometry, int count, int slices, int weights, int n) {
        SparseGatherKernels.weightGradientPartials(in, gradOut, activeFlat, partial, geometry, count, slices, weights,
                0, n);
    }

    /** Sparse weight gradient, the slices added at the active entries, 0 elsewhere; {@code n} weights. */
    static void sparseWeightGradientSum(float[] partial, float[] mask, float[] dW, int slices, int n) {
        SparseGatherKernels.sumActiveSlices(partial, mask, dW, n, slices, 0, n);
    }
}
