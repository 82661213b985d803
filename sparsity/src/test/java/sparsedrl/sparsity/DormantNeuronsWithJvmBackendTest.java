package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.Backends;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;

/**
 * Dormant fractions measured through the JVM backend (20 states in chunks of 8) agree with an
 * independent conv1 forward pass: VALID 3x3 conv over NHWC input, kernel [kh][kw][inC][outC], ReLU.
 */
class DormantNeuronsWithJvmBackendTest {

    @Test
    void conv1FractionsMatchAnIndependentForwardPass() {
        NetworkSpec spec = NetworkSpec.minatar(4, 6, Set.of());
        try (Backend backend = Backends.create("jvm", 1);
             QNetwork net = backend.create(spec, 8, AdamConfig.DOPAMINE, LossKind.HUBER)) {
            net.state().initXavier(5);
            LayerParams conv = net.state().layer("conv1");
            // Channels 0-3 silenced: zero weights and a negative bias keep their ReLU output at 0.
            for (int i = 0; i < conv.weight.length; i++) {
                if (i % 16 < 4) {
                    conv.weight[i] = 0f;
                }
            }
            Arrays.fill(conv.bias, 0, 4, -1f);
            // Channel 4 nearly silent: a negative bias that only a few input patches overcome.
            conv.bias[4] = -0.3f;
            net.push();
            int count = 20;
            int in = spec.inputSize();
            byte[] states = new byte[count * in];
            SplittableRandom r = new SplittableRandom(8);
            for (int i = 0; i < states.length; i++) {
                states[i] = (byte) (r.nextInt(3) == 0 ? 1 : 0);
            }
            double[] means = conv1Means(conv, states, count);
            DormantNeurons dormant = new DormantNeurons(spec);
            Map<String, Double> measured = dormant.measure(net, states, count);
            for (double tau : DormantNeurons.DEFAULT_TAUS) {
                String key = "dormant_" + DormantNeurons.formatTau(tau) + "_conv1";
                assertEquals(DormantNeurons.dormantCount(means, tau) / 16.0, measured.get(key), 1e-12, key);
            }
            assertEquals(4.0 / 16, measured.get("dormant_0_conv1"), 1e-12, "exactly the silenced channels");
        }
    }

    private static double[] conv1Means(LayerParams p, byte[] states, int count) {
        double[] sum = new double[16];
        for (int b = 0; b < count; b++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    for (int o = 0; o < 16; o++) {
                        double a = p.bias[o];
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                for (int c = 0; c < 4; c++) {
                                    int s = states[b * 400 + ((y + ky) * 10 + (x + kx)) * 4 + c];
                                    a += s * p.weight[((ky * 3 + kx) * 4 + c) * 16 + o];
                                }
                            }
                        }
                        sum[o] += Math.max(0, a);
                    }
                }
            }
        }
        for (int o = 0; o < 16; o++) {
            sum[o] /= count * 64.0;
        }
        return sum;
    }
}
