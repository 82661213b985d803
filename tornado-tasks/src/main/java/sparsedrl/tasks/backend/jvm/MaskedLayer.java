package sparsedrl.tasks.backend.jvm;

import java.util.Arrays;
import sparsedrl.tasks.net.LayerParams;

/**
 * Runs a layer either densely or over its active weights, decided from the density of its mask each
 * time the mask may have changed ({@link #refresh}): sparse below the threshold. A backward pass that
 * must keep the dense weight gradient (RigL grow steps) always runs densely. On the sparse path the
 * weight gradient is 0 at inactive positions.
 */
final class MaskedLayer implements JvmLayer {
    private final JvmLayer dense;
    private final SparseLayer sparse;
    private final int rows;
    private final int cols;
    private final double threshold;
    private boolean sparseActive;
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
        ActiveIndex index = ActiveIndex.of(params.mask, rows, cols);
        sparseActive = index.density() < threshold;
        if (sparseActive) {
            sparse.use(index);
            // The previous backward may have written positions that are inactive now.
            inactiveGradientDirty = true;
        }
    }

    boolean isSparse() {
        return sparseActive;
    }

    /** Whether the next backward passes must produce the dense weight gradient. */
    void keepDenseGradient(boolean keep) {
        this.keepDenseGradient = keep;
    }

    @Override
    public void forward(float[] in, float[] weight, float[] bias, float[] out, int count) {
        if (sparseActive) {
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
