package sparsedrl.tasks.backend.tornado;

import java.util.LinkedHashMap;
import java.util.Map;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkState;

/**
 * What one backend produced on a {@link ProbeWorkload}: the loss of every update, Q-values on the
 * evaluation states (a full batch and a single state), dormant-neuron activation means, every
 * state array after the updates, and the update rate.
 */
public record ProbeResult(String label, float[] losses, float[] qValues, float[] qValuesSingle,
                          float[][] activationMeans, Map<String, float[]> arrays, long adamStep,
                          double updatesPerSecond) {

    /** Copies of all arrays of a state, named "layer.field" (weight, bias, target, mask, Adam, grads). */
    public static Map<String, float[]> snapshot(NetworkState s) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (LayerParams p : s.layers) {
            String n = p.spec.name() + ".";
            put(m, n + "weight", p.weight);
            put(m, n + "bias", p.bias);
            put(m, n + "targetWeight", p.targetWeight);
            put(m, n + "targetBias", p.targetBias);
            put(m, n + "mask", p.mask);
            put(m, n + "weightM", p.weightM);
            put(m, n + "weightV", p.weightV);
            put(m, n + "biasM", p.biasM);
            put(m, n + "biasV", p.biasV);
            put(m, n + "weightGrad", p.weightGrad);
            put(m, n + "biasGrad", p.biasGrad);
        }
        return m;
    }

    private static void put(Map<String, float[]> m, String name, float[] a) {
        if (a != null) {
            m.put(name, a.clone());
        }
    }
}
