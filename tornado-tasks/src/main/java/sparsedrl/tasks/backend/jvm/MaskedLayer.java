package sparsedrl.tasks.backend.jvm;

import java.util.Arrays;
import sparsedrl.tasks.backend.ActiveLists;
import sparsedrl.tasks.kernels.MaskKernels;
import sparsedrl.tasks.net.LayerParams;

/**
 * Runs a layer either densely or over its active weights, decided from the density of its mask each
 * time the mask may have changed ({@link #refresh}): sparse below the threshold. A backward pass that
 * must keep the dense weight gradient (RigL grow steps) always runs densely. On the sparse path the
 * weight gradient is 0 at inactive positions.
 *
 * <p>The target network has its own active set: the non-zeros of the target kernel, taken when it is
 * copied ({@link #refreshTarget}). After a mask change the target keeps the weights it copied until the
 * next sync, exactly as in the dense computation.
 */
final class MaskedLayer implements JvmLayer {
    private final JvmLayer dense;
    private final SparseLayer sparse;
    private final int rows;
    private final int cols;
    private final double threshold;
    private boolean sparseActive;
    private ActiveIndex onlineIndex;
    private ActiveIndex targetIndex;
    /** The mask the online index was built from: an unchanged mask keeps its index (no allocation). */
    private float[] indexedMask;
    /** The target's copy of an online index (own value arrays), reused while that index stands. */
    private ActiveIndex targetCopy;
    private boolean targetSparse;
    /** The weight gradient holds dense values at inactive positions (a dense backward ran). */
    private boolean inactiveGradientDirty;
    private boolean keepDenseGradient;

    /**
     * @param rows      kernel rows (dense: inputs; conv: kh*kw*inC)
     * @param cols      kernel columns (outputs / output channels)
     * @param threshold density below which the sparse path runs (0 disables it)
     */
    MaskedLayer(JvmLayer dense, SparseLayer sparse, int rows, int cols, double threshold) {
        this.dense = dense;
        this.sparse = sparse;
        this.rows = rows;
        this.cols = cols;
        this.threshold = threshold;
    }

    /** Rebuilds the active index from the mask when the layer is sparse enough, else uses the dense path. */
    void refresh(LayerParams params) {
        if (indexedMask != null && Arrays.equals(indexedMask, params.mask)) {
            onlineWeightsChanged(); // same active set; the weights may have changed
            return;
        }
        if (indexedMask == null) {
            indexedMask = new float[params.mask.length];
        }
        System.arraycopy(params.mask, 0, indexedMask, 0, indexedMask.length);
        ActiveIndex index = ActiveIndex.of(params.mask, rows, cols);
        sparseActive = sparseAt(index.active);
        onlineIndex = sparseActive ? index : null;
        if (sparseActive) {
            // Only the active weights are stepped from now on; the others must be 0 as the mask says
            // (applyMasks does this too; a push of a new mask alone must not leave stale weights).
            MaskKernels.apply(params.weight, params.mask, 0, params.weight.length);
            // The previous backward may have written positions that are inactive now.
            inactiveGradientDirty = true;
        }
    }

    /** Rebuilds the target network's active set from the non-zeros of its kernel (after a copy or push). */
    void refreshTarget(LayerParams params) {
        // The lists take any non-zero as active: the kernel itself serves as its mask.
        ActiveIndex index = ActiveIndex.of(params.targetWeight, rows, cols);
        targetSparse = sparseAt(index.active);
        targetIndex = targetSparse ? index : null;
    }

    /**
     * After online -> target copy: the same active set as {@link #refreshTarget} would list (a resumed
     * run lists it so), without a rebuild where possible. The target's non-zeros are the online active
     * set (online weights are 0 outside the mask) unless an active weight is exactly 0, as a weight
     * grown by RigL or SET stays while its gradient is 0: then the target lists its own, and may fall
     * below the threshold where the mask does not.
     */
    void targetCopiedOnline(LayerParams params) {
        int nonZero = ActiveLists.count(params.targetWeight);
        if (sparseActive && nonZero == onlineIndex.active) {
            if (targetCopy == null || !targetCopy.sameActiveSet(onlineIndex)) {
                targetCopy = onlineIndex.withOwnValues();
            }
            targetSparse = true;
            targetIndex = targetCopy;
            targetIndex.valuesOf = null;
        } else if (sparseAt(nonZero)) {
            refreshTarget(params);
        } else {
            targetSparse = false;
            targetIndex = null;
        }
    }

    /** Whether a kernel with {@code active} non-zero weights runs over them only. */
    private boolean sparseAt(int active) {
        return ActiveIndex.density(active, rows, cols) < threshold;
    }

    /** The online kernel changed (optimizer step): its gathered values are stale. */
    void onlineWeightsChanged() {
        if (onlineIndex != null) {
            onlineIndex.valuesOf = null;
        }
    }

    /** Forward pass of the online or the target network. */
    void forward(LayerParams params, boolean target, float[] in, float[] out, int count) {
        if (target) {
            if (targetSparse) {
                sparse.use(targetIndex);
                sparse.forward(in, params.targetWeight, params.targetBias, out, count);
            } else {
                dense.forward(in, params.targetWeight, params.targetBias, out, count);
            }
        } else {
            forward(in, params.weight, params.bias, out, count);
        }
    }

    boolean isSparse() {
        return sparseActive;
    }

    /** The flat kernel indices of the active weights in ascending order when the layer is sparse, else null. */
    int[] activeFlatIndices() {
        return sparseActive ? onlineIndex.rowFlat : null;
    }

    /** Whether the next backward passes must produce the dense weight gradient. */
    void keepDenseGradient(boolean keep) {
        this.keepDenseGradient = keep;
    }

    @Override
    /** Online forward pass (the active set of the mask). */
    public void forward(float[] in, float[] weight, float[] bias, float[] out, int count) {
        if (sparseActive) {
            sparse.use(onlineIndex);
            sparse.forward(in, weight, bias, out, count);
        } else {
            dense.forward(in, weight, bias, out, count);
        }
    }

    @Override
    public void backward(float[] in, float[] out, float[] gradOut, LayerParams params, float[] gradIn, int count) {
        if (!sparseActive || keepDenseGradient) {
            dense.backward(in, out, gradOut, params, gradIn, count);
            inactiveGradientDirty = sparseActive;
            return;
        }
        if (inactiveGradientDirty) {
            Arrays.fill(params.weightGrad, 0f);
            inactiveGradientDirty = false;
        }
        sparse.backward(in, out, gradOut, params, gradIn, count);
    }
}
