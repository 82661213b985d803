package sparsedrl.sparsity;

import sparsedrl.tasks.net.LayerParams;

/**
 * SET (Mocanu et al. 2018): RigL's drop-and-grow with growth at uniformly random positions (one
 * seeded uniform score per position, in flat order), so it never needs the dense gradient.
 */
public final class SparseEvolutionaryTraining extends DynamicSparseTraining {

    public SparseEvolutionaryTraining(double[] densities, long tStart, long tEnd, long every, double dropFraction,
                                      long seed) {
        super(MethodKind.SET, densities, tStart, tEnd, every, dropFraction, seed);
    }

    @Override
    protected float[] growScores(LayerParams layer) {
        return editor.randomScores(layer.weight.length, rng);
    }

    @Override
    protected boolean growsByGradient() {
        return false;
    }
}
