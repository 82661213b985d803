package sparsedrl.sparsity;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;

/**
 * tau-dormant neurons (Sokar et al. 2023; SPEC.md section 6). For a hidden ReLU layer with H units
 * (channels for convs), s_i = E|h_i| / ((1/H) * sum_k E|h_k|) over the given states (and spatial
 * positions); unit i is dormant when s_i &lt;= tau. A layer whose mean activity is exactly 0 has
 * every unit dormant for every tau (its scores are undefined; the units are all silent).
 *
 * <p>Columns, in this order: {@code dormant_<tau>} (dormant units over all hidden units) for each
 * tau, then {@code dormant_<tau>_<layer>} per tau and per layer. Tau is written as the shortest plain
 * decimal: 0 -> "0", 0.025 -> "0.025", 0.1 -> "0.1" (BigDecimal, trailing zeros stripped).
 *
 * <p>Typical use (every {@link #DEFAULT_EVERY} updates, on {@link #DEFAULT_SAMPLES} states sampled
 * from replay): {@code metrics.putAll(dormant.measure(net, states, 256))}.
 */
public final class DormantNeurons {
    /** The thresholds SPEC.md section 6 reports; 0.025 is the headline. */
    public static final List<Double> DEFAULT_TAUS = List.of(0.0, 0.025, 0.1);
    public static final int DEFAULT_SAMPLES = 256;
    public static final long DEFAULT_EVERY = 20_000;

    private final List<LayerSpec> hidden;
    private final List<Double> taus;
    private final int inputSize;
    private final float[][] chunkMeans;
    private final double[][] sums;

    public DormantNeurons(NetworkSpec spec) {
        this(spec, DEFAULT_TAUS);
    }

    public DormantNeurons(NetworkSpec spec, List<Double> taus) {
        this.hidden = spec.hiddenLayers();
        this.taus = List.copyOf(taus);
        this.inputSize = spec.inputSize();
        this.chunkMeans = new float[hidden.size()][];
        this.sums = new double[hidden.size()][];
        for (int l = 0; l < hidden.size(); l++) {
            chunkMeans[l] = new float[hidden.get(l).outC()];
            sums[l] = new double[hidden.get(l).outC()];
        }
    }

    /** "0", "0.025", "0.1": the tau part of a column name. */
    public static String formatTau(double tau) {
        return BigDecimal.valueOf(tau).stripTrailingZeros().toPlainString();
    }

    /**
     * Measures on {@code count} states (uint8 NHWC, back to back) with the online network, in chunks
     * of {@code net.batchSize()} through {@link QNetwork#unitActivationMeans}; chunk means are
     * combined weighted by chunk size, so the result is the mean over all states.
     */
    public Map<String, Double> measure(QNetwork net, byte[] states, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("dormant-neuron measurement needs at least one state");
        }
        if (states.length < (long) count * inputSize) {
            throw new IllegalArgumentException("dormant-neuron states: need " + count * (long) inputSize
                    + " bytes, got " + states.length);
        }
        for (double[] s : sums) {
            Arrays.fill(s, 0);
        }
        int batch = net.batchSize();
        byte[] chunk = new byte[batch * inputSize];
        for (int start = 0; start < count; start += batch) {
            int c = Math.min(batch, count - start);
            System.arraycopy(states, start * inputSize, chunk, 0, c * inputSize);
            net.unitActivationMeans(chunk, c, chunkMeans);
            for (int l = 0; l < sums.length; l++) {
                for (int u = 0; u < sums[l].length; u++) {
                    sums[l][u] += (double) chunkMeans[l][u] * c;
                }
            }
        }
        double[][] means = new double[sums.length][];
        for (int l = 0; l < sums.length; l++) {
            means[l] = new double[sums[l].length];
            for (int u = 0; u < sums[l].length; u++) {
                means[l][u] = sums[l][u] / count;
            }
        }
        return fractions(means);
    }

    /** Dormant fractions from per-layer, per-unit mean |activation| (hidden-layer order). */
    public Map<String, Double> fractions(double[][] unitMeans) {
        if (unitMeans.length != hidden.size()) {
            throw new IllegalArgumentException("expected " + hidden.size() + " hidden layers, got "
                    + unitMeans.length);
        }
        Map<String, Double> total = new LinkedHashMap<>();
        Map<String, Double> perLayer = new LinkedHashMap<>();
        for (double tau : taus) {
            String t = formatTau(tau);
            long dormant = 0;
            long units = 0;
            for (int l = 0; l < unitMeans.length; l++) {
                int d = dormantCount(unitMeans[l], tau);
                dormant += d;
                units += unitMeans[l].length;
                perLayer.put("dormant_" + t + "_" + hidden.get(l).name(), (double) d / unitMeans[l].length);
            }
            total.put("dormant_" + t, (double) dormant / units);
        }
        total.putAll(perLayer);
        return total;
    }

    /** Units of one layer with s_i &lt;= tau; all of them when the layer's mean activity is 0. */
    static int dormantCount(double[] means, double tau) {
        double avg = 0;
        for (double m : means) {
            avg += Math.abs(m);
        }
        avg /= means.length;
        if (avg == 0) {
            return means.length;
        }
        int d = 0;
        for (double m : means) {
            if (Math.abs(m) / avg <= tau) {
                d++;
            }
        }
        return d;
    }
}
