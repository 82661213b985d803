package sparsedrl.sparsity;

import sparsedrl.tasks.net.LayerParams;

/**
 * RigL (Evci et al. 2020): drop the smallest |w|, grow where the dense gradient of the current batch
 * is largest. The agent must pass keepDenseGradient = {@link #needsDenseGradient} to
 * QNetwork.update so that LayerParams.weightGrad holds the gradient at inactive positions too.
 */
public final class RigL extends DynamicSparseTraining {

    public RigL(double[] densities, long tStart, long tEnd, long every, double dropFraction, long seed) {
        super(MethodKind.RIGL, densities, tStart, tEnd, every, dropFraction, seed);
    }

    @Override
    protected float[] growScores(LayerParams layer) {
        return layer.weightGrad;
    }

    @Override
    protected boolean growsByGradient() {
        return true;
    }
}
