package sparsedrl.sparsity;

import sparsedrl.tasks.random.SplitMix64;
import java.nio.ByteBuffer;
import java.util.List;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.net.LayerParams;

/**
 * What every method shares: its name, per-layer target densities, a seeded {@link SplitMix64} and
 * the save/restore of that stream (the masks themselves live in the network state, which the
 * checkpoint saves). State bytes: magic, method ordinal, RNG state.
 */
abstract class BaseSparsityMethod implements SparsityMethod {
    private static final int MAGIC = 0x53504D31; // "SPM1"
    /** Mixed into the run seed so the mask stream differs from other streams seeded alike. */
    private static final long SEED_SALT = 0x5350415253495459L;

    protected final MethodKind kind;
    /** Final density of each layer, in layer order (1 = the layer stays dense). */
    protected final double[] densities;
    protected final SplitMix64 rng;
    protected final MaskEditor editor = new MaskEditor();

    BaseSparsityMethod(MethodKind kind, double[] densities, long seed) {
        this.kind = kind;
        this.densities = densities.clone();
        this.rng = new SplitMix64(seed ^ SEED_SALT);
    }

    @Override
    public String name() {
        return kind.cliName();
    }

    /** Per-layer final densities, in layer order. */
    public double[] densities() {
        return densities.clone();
    }

    @Override
    public byte[] saveState() {
        return ByteBuffer.allocate(16).putInt(MAGIC).putInt(kind.ordinal()).putLong(rng.state()).array();
    }

    @Override
    public void restoreState(byte[] state) {
        if (state == null || state.length != 16) {
            throw new IllegalArgumentException("sparsity method state must be 16 bytes, got "
                    + (state == null ? "null" : state.length));
        }
        ByteBuffer b = ByteBuffer.wrap(state);
        int magic = b.getInt();
        int ordinal = b.getInt();
        if (magic != MAGIC || ordinal != kind.ordinal()) {
            throw new IllegalArgumentException("sparsity method state does not belong to method " + name());
        }
        rng.setState(b.getLong());
    }

    /** Sets a random mask with round(N*d) active weights on every sparse layer, in layer order. */
    protected void randomMasks(QNetwork net) {
        List<LayerParams> layers = net.state().layers;
        for (int i = 0; i < layers.size(); i++) {
            if (densities[i] < 1) {
                LayerParams p = layers.get(i);
                editor.randomMask(p, TopK.keepCount(p.weight.length, densities[i]), rng);
            }
        }
    }

    /** Keeps the round(N*d) largest |w| on every sparse layer. */
    protected void magnitudeMasks(QNetwork net) {
        List<LayerParams> layers = net.state().layers;
        for (int i = 0; i < layers.size(); i++) {
            if (densities[i] < 1) {
                LayerParams p = layers.get(i);
                editor.magnitudeMask(p, TopK.keepCount(p.weight.length, densities[i]));
            }
        }
    }

    /**
     * Initial masks of a freshly initialised network: pull, set, push, zero the masked weights on the
     * backend, and copy online to target so that the target also starts from the masked weights.
     */
    protected static void installInitialMasks(QNetwork net, Runnable setMasks) {
        net.pull();
        setMasks.run();
        net.push();
        net.applyMasks();
        net.syncTarget();
    }

    /**
     * Mid-training mask change: pull, change, push, zero the newly masked weights on the backend. The
     * target network is left alone: it is a copy of the online network at the last sync and takes the
     * new masked weights at the next one (SPEC.md section 5).
     */
    protected static void changeMasks(QNetwork net, Runnable change) {
        net.pull();
        change.run();
        net.push();
        net.applyMasks();
    }

    /** True when any layer is sparse at its final density. */
    protected boolean anySparseLayer() {
        for (double d : densities) {
            if (d < 1) {
                return true;
            }
        }
        return false;
    }
}
