package sparsedrl.tasks.backend.tornado;

import java.util.SplittableRandom;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;

/**
 * A seeded workload for comparing backends: the same initial weights, random masks at a given
 * sparsity, the same minibatches and the same evaluation states, whichever backend runs it.
 *
 * <p>Inputs follow the network's input kind: 0/1 channels when {@code inputScale == 1} (small
 * games), uint8 pixels otherwise (Atari frames).
 */
public final class ProbeWorkload {

    public final NetworkSpec spec;
    public final int batchSize;
    public final long seed;
    /** Fraction of each kernel masked out (0 = dense). */
    public final double sparsity;
    public final float gamma;
    /**
     * Sparsity of new random masks that replace the initial ones after the first update, as a
     * sparse training method would (drop and grow, or prune further); NaN: the masks never change.
     */
    public final double changedSparsity;

    public ProbeWorkload(NetworkSpec spec, int batchSize, long seed, double sparsity, float gamma) {
        this(spec, batchSize, seed, sparsity, gamma, Double.NaN);
    }

    public ProbeWorkload(NetworkSpec spec, int batchSize, long seed, double sparsity, float gamma,
                         double changedSparsity) {
        if (sparsity < 0 || sparsity >= 1) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
        this.spec = spec;
        this.batchSize = batchSize;
        this.seed = seed;
        this.sparsity = sparsity;
        this.gamma = gamma;
        if (!Double.isNaN(changedSparsity) && (changedSparsity < 0 || changedSparsity >= 1)) {
            throw new IllegalArgumentException("changed sparsity must be in [0, 1), got " + changedSparsity);
        }
        this.changedSparsity = changedSparsity;
    }

    /** Xavier weights, nonzero biases (so bias paths are exercised), random masks, target = online. */
    public NetworkState initialState() {
        NetworkState s = new NetworkState(spec);
        s.initXavier(seed);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (LayerParams p : s.layers) {
            if (p.bias != null) {
                for (int i = 0; i < p.bias.length; i++) {
                    p.bias[i] = (float) (rng.nextDouble() * 0.02 - 0.01);
                }
            }
            randomMask(p.mask, sparsity, rng);
            for (int i = 0; i < p.weight.length; i++) {
                p.weight[i] *= p.mask[i];
            }
        }
        s.copyOnlineToTarget();
        return s;
    }

    private static void randomMask(float[] mask, double sparsity, SplittableRandom rng) {
        int active = 0;
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < sparsity ? 0f : 1f;
            active += (int) mask[i];
        }
        if (active == 0) {
            mask[0] = 1f;
        }
    }

    /**
     * The mask change of {@link #changedSparsity} on a backend's host state (after a pull): new random
     * masks, the same on every backend; newly active weights start at 0 with fresh Adam moments, as
     * RigL grows them. The caller pushes the state and applies the masks.
     */
    public void changeMasks(NetworkState s) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (LayerParams p : s.layers) {
            float[] old = p.mask.clone();
            randomMask(p.mask, changedSparsity, rng);
            for (int i = 0; i < p.mask.length; i++) {
                if (p.mask[i] != 0f && old[i] == 0f) {
                    p.weight[i] = 0f;
                    p.weightM[i] = 0f;
                    p.weightV[i] = 0f;
                }
            }
        }
    }

    /** The k-th minibatch; the same k gives the same batch. */
    public TransitionBatch batch(int k) {
        TransitionBatch b = new TransitionBatch(batchSize, spec.inputSize());
        SplittableRandom rng = new SplittableRandom(seed * 31 + 1000L * (k + 1));
        fillStates(rng, b.states);
        fillStates(rng, b.nextStates);
        for (int i = 0; i < batchSize; i++) {
            b.actions[i] = rng.nextInt(spec.actions());
            b.rewards[i] = rng.nextInt(3) - 1;
            b.terminals[i] = rng.nextDouble() < 0.1 ? 1f : 0f;
        }
        return b;
    }

    /** {@code count} states for Q-value and activation checks. */
    public byte[] evalStates(int count) {
        byte[] s = new byte[count * spec.inputSize()];
        fillStates(new SplittableRandom(seed * 17 + 3), s);
        return s;
    }

    private void fillStates(SplittableRandom rng, byte[] out) {
        boolean binary = spec.inputScale() == 1f;
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (binary ? (rng.nextDouble() < 0.2 ? 1 : 0) : rng.nextInt(256));
        }
    }

    /** Copies every array of {@code from} into {@code to} (same spec). */
    public static void copyState(NetworkState from, NetworkState to) {
        for (int l = 0; l < from.layers.size(); l++) {
            LayerParams a = from.layers.get(l);
            LayerParams b = to.layers.get(l);
            copy(a.weight, b.weight);
            copy(a.bias, b.bias);
            copy(a.targetWeight, b.targetWeight);
            copy(a.targetBias, b.targetBias);
            copy(a.mask, b.mask);
            copy(a.weightM, b.weightM);
            copy(a.weightV, b.weightV);
            copy(a.biasM, b.biasM);
            copy(a.biasV, b.biasV);
            copy(a.weightGrad, b.weightGrad);
            copy(a.biasGrad, b.biasGrad);
        }
        to.adamStep = from.adamStep;
    }

    private static void copy(float[] a, float[] b) {
        if (a != null) {
            System.arraycopy(a, 0, b, 0, a.length);
        }
    }
}
