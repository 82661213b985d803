package sparsedrl.sparsity;

import sparsedrl.tasks.random.SplitMix64;
import java.util.Arrays;
import sparsedrl.tasks.net.LayerParams;

/**
 * The mask operations the methods share, on the host arrays of one layer (callers pull before and
 * push + applyMasks after). All selections go through one {@link TopK}; scratch arrays grow to the
 * largest layer once, so repeated updates allocate nothing.
 */
final class MaskEditor {
    private final TopK topK = new TopK();
    private float[] newMask = new float[0];
    private float[] randomScores = new float[0];

    /** Mask with exactly {@code k} active positions drawn uniformly at random (random scores, top-k). */
    void randomMask(LayerParams p, int k, SplitMix64 rng) {
        float[] scores = randomScores(p.weight.length, rng);
        Arrays.fill(p.mask, 0f);
        topK.select(p.mask.length, scores, TopK.Candidates.ALL, null, k, p.mask);
    }

    /** Mask keeping the {@code k} largest |w| (ties to the lower index), whatever the old mask was. */
    void magnitudeMask(LayerParams p, int k) {
        Arrays.fill(p.mask, 0f);
        topK.select(p.mask.length, p.weight, TopK.Candidates.ALL, null, k, p.mask);
    }

    /**
     * One drop-and-grow step: keep the {@code keep} largest |w| among the active positions, then
     * activate the {@code target - keep} positions with the largest |growScore| among those not kept
     * (just-dropped positions included, as in RigL/JaxPruner). Positions that were inactive before and
     * are active now start from weight 0 with Adam moments 0; a dropped-and-regrown weight keeps its
     * value, since it never left the network.
     *
     * @return the number of newly activated positions
     */
    int dropAndGrow(LayerParams p, int target, int keep, float[] growScores) {
        int n = p.weight.length;
        float[] next = newMask(n);
        Arrays.fill(next, 0, n, 0f);
        int active = p.activeCount();
        int kept = Math.min(keep, active);
        topK.select(n, p.weight, TopK.Candidates.WHERE_NONZERO, p.mask, kept, next);
        int grow = Math.max(0, target - kept);
        // next is both filter and output: candidates are collected before anything is written.
        selectGrowth(n, growScores, next, grow);
        int grown = 0;
        for (int i = 0; i < n; i++) {
            if (next[i] != 0f && p.mask[i] == 0f) {
                p.weight[i] = 0f;
                p.weightM[i] = 0f;
                p.weightV[i] = 0f;
                grown++;
            }
            p.mask[i] = next[i];
        }
        return grown;
    }

    /** Scores for random growth: one uniform draw per position, in flat order (first n entries valid). */
    float[] randomScores(int n, SplitMix64 rng) {
        if (randomScores.length < n) {
            randomScores = new float[n];
        }
        for (int i = 0; i < n; i++) {
            randomScores[i] = rng.nextFloat();
        }
        return randomScores;
    }

    private void selectGrowth(int n, float[] scores, float[] mask, int grow) {
        if (scores.length < n) {
            throw new IllegalArgumentException("grow scores have " + scores.length + " entries, the layer " + n);
        }
        topK.select(n, scores, TopK.Candidates.WHERE_ZERO, mask, grow, mask);
    }

    private float[] newMask(int n) {
        if (newMask.length < n) {
            newMask = new float[n];
        }
        return newMask;
    }
}
