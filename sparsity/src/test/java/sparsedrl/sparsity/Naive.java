package sparsedrl.sparsity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkState;

/** Independent reference computations for the method tests (boxed sorts, no shared code). */
final class Naive {

    private Naive() {
    }

    /** Indices of the k largest |score| among candidates, ties to the lower index. */
    static List<Integer> topK(float[] scores, IntPredicate candidate, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (candidate.test(i)) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.<Integer>comparingDouble(i -> -Math.abs((double) scores[i])).thenComparingInt(i -> i));
        return idx.subList(0, k);
    }

    static float[] maskOf(int n, List<Integer> active) {
        float[] m = new float[n];
        for (int i : active) {
            m[i] = 1f;
        }
        return m;
    }

    static int active(float[] mask) {
        int c = 0;
        for (float m : mask) {
            c += m != 0f ? 1 : 0;
        }
        return c;
    }

    /** Deep copy of every host array of {@code from} into {@code to} (same spec). */
    static void copyState(NetworkState from, NetworkState to) {
        to.adamStep = from.adamStep;
        for (int l = 0; l < from.layers.size(); l++) {
            LayerParams a = from.layers.get(l);
            LayerParams b = to.layers.get(l);
            System.arraycopy(a.weight, 0, b.weight, 0, a.weight.length);
            System.arraycopy(a.targetWeight, 0, b.targetWeight, 0, a.weight.length);
            System.arraycopy(a.mask, 0, b.mask, 0, a.weight.length);
            System.arraycopy(a.weightM, 0, b.weightM, 0, a.weight.length);
            System.arraycopy(a.weightV, 0, b.weightV, 0, a.weight.length);
            System.arraycopy(a.weightGrad, 0, b.weightGrad, 0, a.weight.length);
        }
    }

    /** Every masked weight is exactly 0 in the online network (and the target when asked). */
    static boolean maskedWeightsAreZero(NetworkState s, boolean target) {
        for (LayerParams p : s.layers) {
            for (int i = 0; i < p.weight.length; i++) {
                if (p.mask[i] == 0f && (p.weight[i] != 0f || (target && p.targetWeight[i] != 0f))) {
                    return false;
                }
            }
        }
        return true;
    }
}
