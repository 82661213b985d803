package sparsedrl.tasks.backend.tornado;

import sparsedrl.tasks.kernels.ActivationKernels;
import sparsedrl.tasks.kernels.AdamKernels;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.LossKernels;
import sparsedrl.tasks.kernels.MaskKernels;
import sparsedrl.tasks.kernels.SparseGatherKernels;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;

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
 * grid of channels x row slices ({@link #reluBackwardPartials}, {@link #absolutePartials}), then
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

    static void applyMask(float[] w, float[] mask, int n) {
        MaskKernels.apply(w, mask, 0, n);
    }

    /**
     * Work-item (c, s) of a channels x slices grid: for the rows of slice s (rows split evenly in
     * {@code slices}), zeroes {@code grad} where the ReLU output {@code act} is not positive (when
     * {@code relu} is 1) and writes the slice's sum of the resulting gradient of channel c to
     * {@code partial[s*channels + c]}: the ReLU backward fused with the bias gradient.
     */
    static void reluBackwardPartials(KernelContext context, float[] act, float[] grad, float[] partial, int rows,
                                     int channels, int slices, int relu) {
        int c = context.globalIdx;
        int slice = context.globalIdy;
        if (c < channels && slice < slices) {
            int per = (rows + slices - 1) / slices;
            int end = Math.min(rows, (slice + 1) * per);
            float sum = 0f;
            for (int r = slice * per; r < end; r++) {
                int i = r * channels + c;
                float g = relu == 1 && act[i] <= 0f ? 0f : grad[i];
                grad[i] = g;
                sum += g;
            }
            partial[slice * channels + c] = sum;
        }
    }

    /** {@link #reluBackwardPartials}'s grid and slices for the sums of {@code |x|} per channel (unit activity). */
    static void absolutePartials(KernelContext context, float[] x, float[] partial, int rows, int channels,
                                 int slices) {
        int c = context.globalIdx;
        int slice = context.globalIdy;
        if (c < channels && slice < slices) {
            int per = (rows + slices - 1) / slices;
            int end = Math.min(rows, (slice + 1) * per);
            float sum = 0f;
            for (int r = slice * per; r < end; r++) {
                sum += Math.abs(x[r * channels + c]);
            }
            partial[slice * channels + c] = sum;
        }
    }

    /**
     * Sparse weight gradient as partial sums, work-item (j, s) of an entries x slices grid: active
     * entry j ({@code activeFlat[j]} = r*outC + oc; -1 past the active count) summed over the output
     * positions of slice s (all {@code count * outH * outW} positions split evenly in {@code slices})
     * into {@code partial[s*weights + flat]}. {@link #maskedSlices} adds the slices.
     */
    static void sparseWeightGradientPartials(KernelContext context, float[] in, float[] gradOut, int[] activeFlat,
                                             float[] partial, int[] geometry, int count, int slices) {
        int j = context.globalIdx;
        int slice = context.globalIdy;
        int weights = activeFlat.length;
        if (j < weights && slice < slices && activeFlat[j] >= 0) {
            int flat = activeFlat[j];
            int inH = geometry[SparseGatherKernels.IN_H];
            int inW = geometry[SparseGatherKernels.IN_W];
            int inC = geometry[SparseGatherKernels.IN_C];
            int outH = geometry[SparseGatherKernels.OUT_H];
            int outW = geometry[SparseGatherKernels.OUT_W];
            int outC = geometry[SparseGatherKernels.OUT_C];
            int k = geometry[SparseGatherKernels.K];
            int stride = geometry[SparseGatherKernels.STRIDE];
            int padTop = geometry[SparseGatherKernels.PAD_TOP];
            int padLeft = geometry[SparseGatherKernels.PAD_LEFT];
            int r = flat / outC;
            int oc = flat - r * outC;
            int ic = r % inC;
            int tap = r / inC;
            int ky = tap / k;
            int kx = tap - ky * k;
            int positions = count * outH * outW;
            int per = (positions + slices - 1) / slices;
            int end = Math.min(positions, (slice + 1) * per);
            float sum = 0f;
            for (int p = slice * per; p < end; p++) {
                int ox = p % outW;
                int oy = (p / outW) % outH;
                int b = p / (outW * outH);
                int iy = oy * stride + ky - padTop;
                int ix = ox * stride + kx - padLeft;
                if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                    sum += in[((b * inH + iy) * inW + ix) * inC + ic] * gradOut[p * outC + oc];
                }
            }
            partial[slice * weights + flat] = sum;
        }
    }

    /**
     * {@code out[i] = sum over s < slices of partial[s*size + i]} where {@code mask[i]} is not 0, else 0
     * (the sparse weight gradient: inactive entries must not keep a dense gradient written earlier).
     */
    static void maskedSlices(KernelContext context, float[] partial, float[] mask, float[] out, int size,
                             int slices) {
        int i = context.globalIdx;
        if (i < size) {
            float s = 0f;
            for (int p = 0; p < slices; p++) {
                s += partial[p * size + i];
            }
            out[i] = mask[i] != 0f ? s : 0f;
        }
    }
}
