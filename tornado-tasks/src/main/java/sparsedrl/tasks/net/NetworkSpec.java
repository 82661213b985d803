package sparsedrl.tasks.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Q-network as an ordered list of layers. The input is uint8 NHWC, scaled by {@code inputScale}
 * (1/255 for Atari frames, 1 for the 0/1 channels of the small games).
 */
public record NetworkSpec(String name, int inH, int inW, int inC, float inputScale, List<LayerSpec> layers) {

    public NetworkSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
    }

    public int inputSize() {
        return inH * inW * inC;
    }

    public int actions() {
        return layers.get(layers.size() - 1).outC();
    }

    public LayerSpec layer(String layerName) {
        for (LayerSpec l : layers) {
            if (l.name().equals(layerName)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer named " + layerName + " in " + name);
    }

    public long weightCount() {
        long n = 0;
        for (LayerSpec l : layers) {
            n += l.weightCount();
        }
        return n;
    }

    public long biasCount() {
        long n = 0;
        for (LayerSpec l : layers) {
            n += l.bias() ? l.outC() : 0;
        }
        return n;
    }

    /** Hidden layers followed by a ReLU: the ones whose units dormant-neuron statistics cover. */
    public List<LayerSpec> hiddenLayers() {
        return layers.stream().filter(LayerSpec::relu).toList();
    }

    /** Names of all layers, in order. */
    public List<String> layerNames() {
        return layers.stream().map(LayerSpec::name).toList();
    }

    /**
     * The Nature DQN as Dopamine builds it: conv 32 8x8 s4, conv 64 4x4 s2, conv 64 3x3 s1,
     * dense 512, dense A; ReLU after every layer but the last.
     *
     * @param noBiasLayers names of layers built without a bias parameter (all names: no bias anywhere)
     */
    public static NetworkSpec nature(int actions, Padding padding, Set<String> noBiasLayers) {
        Builder b = new Builder("nature", 84, 84, 4, 1f / 255f, noBiasLayers);
        b.conv("conv1", 32, 8, 4, padding);
        b.conv("conv2", 64, 4, 2, padding);
        b.conv("conv3", 64, 3, 1, padding);
        b.dense("dense1", 512, true);
        b.dense("q", actions, false);
        return b.build();
    }

    /** The MinAtar network: conv 16 3x3 VALID, dense 128, dense A. */
    public static NetworkSpec minatar(int channels, int actions, Set<String> noBiasLayers) {
        Builder b = new Builder("minatar", 10, 10, channels, 1f, noBiasLayers);
        b.conv("conv1", 16, 3, 1, Padding.VALID);
        b.dense("dense1", 128, true);
        b.dense("q", actions, false);
        return b.build();
    }

    /** Layer names of the Nature net, for option validation. */
    public static final List<String> NATURE_LAYERS = List.of("conv1", "conv2", "conv3", "dense1", "q");

    /** Layer names of the small-game net. */
    public static final List<String> MINATAR_LAYERS = List.of("conv1", "dense1", "q");

    /** Chains layers, tracking the running activation shape. */
    public static final class Builder {
        private final String name;
        private final int inH;
        private final int inW;
        private final int inC;
        private final float inputScale;
        private final Set<String> noBias;
        private final List<LayerSpec> layers = new ArrayList<>();
        private int h;
        private int w;
        private int c;

        public Builder(String name, int inH, int inW, int inC, float inputScale, Set<String> noBiasLayers) {
            this.name = name;
            this.inH = inH;
            this.inW = inW;
            this.inC = inC;
            this.inputScale = inputScale;
            this.noBias = Set.copyOf(noBiasLayers);
            this.h = inH;
            this.w = inW;
            this.c = inC;
        }

        public Builder conv(String layerName, int outC, int kernel, int stride, Padding padding) {
            LayerSpec l = new LayerSpec(layerName, LayerKind.CONV, h, w, c, outC, kernel, stride, padding,
                    !noBias.contains(layerName), true);
            layers.add(l);
            h = l.outH();
            w = l.outW();
            c = outC;
            return this;
        }

        public Builder dense(String layerName, int units, boolean relu) {
            LayerSpec l = new LayerSpec(layerName, LayerKind.DENSE, 1, 1, h * w * c, units, 1, 1, Padding.VALID,
                    !noBias.contains(layerName), relu);
            layers.add(l);
            h = 1;
            w = 1;
            c = units;
            return this;
        }

        public NetworkSpec build() {
            return new NetworkSpec(name, inH, inW, inC, inputScale, layers);
        }
    }
}
