package sparsedrl.tasks.net;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * All trainable state of a Q-network on the host: per-layer parameters, masks, Adam moments and the
 * Adam step counter. Backends compute on these arrays directly (JVM) or mirror them on a device and
 * copy back on {@code QNetwork.pull()} (TornadoVM).
 */
public final class NetworkState {
    public final NetworkSpec spec;
    public final List<LayerParams> layers;
    /** Number of Adam steps taken (for bias correction). */
    public long adamStep;

    public NetworkState(NetworkSpec spec) {
        this.spec = spec;
        List<LayerParams> l = new ArrayList<>();
        for (LayerSpec s : spec.layers()) {
            l.add(new LayerParams(s));
        }
        this.layers = List.copyOf(l);
    }

    public LayerParams layer(String name) {
        for (LayerParams p : layers) {
            if (p.spec.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no layer named " + name);
    }

    /**
     * Xavier-uniform kernels (limit sqrt(6/(fan_in+fan_out)), conv fans include kh*kw), zero biases,
     * target = online. Draws layer by layer in layer order, element by element in flat order.
     */
    public void initXavier(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (LayerParams p : layers) {
            double limit = Math.sqrt(6.0 / (p.spec.fanIn() + p.spec.fanOut()));
            for (int i = 0; i < p.weight.length; i++) {
                p.weight[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
            }
            if (p.bias != null) {
                java.util.Arrays.fill(p.bias, 0f);
            }
        }
        copyOnlineToTarget();
    }

    public void copyOnlineToTarget() {
        for (LayerParams p : layers) {
            System.arraycopy(p.weight, 0, p.targetWeight, 0, p.weight.length);
            if (p.bias != null) {
                System.arraycopy(p.bias, 0, p.targetBias, 0, p.bias.length);
            }
        }
    }

    /** Active weights over all kernels / all kernel weights. */
    public double density() {
        long active = 0;
        long total = 0;
        for (LayerParams p : layers) {
            active += p.activeCount();
            total += p.weight.length;
        }
        return (double) active / total;
    }
}
