package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.net.NetworkSpec;

class DormantNeuronsTest {

    private static final NetworkSpec SMALL = NetworkSpec.minatar(4, 6, Set.of()); // conv1 16, dense1 128

    @Test
    void tauIsFormattedAsTheShortestPlainDecimal() {
        assertEquals("0", DormantNeurons.formatTau(0.0));
        assertEquals("0.025", DormantNeurons.formatTau(0.025));
        assertEquals("0.1", DormantNeurons.formatTau(0.1));
    }

    @Test
    void scoresOnAHandBuiltActivationBatch() {
        // conv1: 16 channels; means 0, 0.02, 0.05 and thirteen at 1.0 -> layer average 13.07/16,
        // scores 0, 0.02448, 0.06121, 1.224: 1 dormant at tau 0, 2 at 0.025, 3 at 0.1.
        double[] conv = new double[16];
        conv[1] = 0.02;
        conv[2] = 0.05;
        for (int i = 3; i < 16; i++) {
            conv[i] = 1.0;
        }
        // dense1: a silent layer, every unit dormant for every tau.
        double[] dense = new double[128];
        Map<String, Double> m = new DormantNeurons(SMALL).fractions(new double[][] {conv, dense});
        assertEquals(List.of("dormant_0", "dormant_0.025", "dormant_0.1",
                "dormant_0_conv1", "dormant_0_dense1", "dormant_0.025_conv1", "dormant_0.025_dense1",
                "dormant_0.1_conv1", "dormant_0.1_dense1"), List.copyOf(m.keySet()));
        assertEquals(1.0 / 16, m.get("dormant_0_conv1"), 1e-12);
        assertEquals(2.0 / 16, m.get("dormant_0.025_conv1"), 1e-12);
        assertEquals(3.0 / 16, m.get("dormant_0.1_conv1"), 1e-12);
        assertEquals(1.0, m.get("dormant_0.025_dense1"), 0.0);
        assertEquals((2.0 + 128) / 144, m.get("dormant_0.025"), 1e-12);
        assertEquals((3.0 + 128) / 144, m.get("dormant_0.1"), 1e-12);
    }

    @Test
    void aScoreExactlyAtTauCountsAsDormant() {
        // Means 1 and 3: average 2, scores 0.5 and 1.5.
        assertEquals(1, DormantNeurons.dormantCount(new double[] {1, 3}, 0.5));
        assertEquals(0, DormantNeurons.dormantCount(new double[] {1, 3}, 0.4999));
    }

    @Test
    void measureAveragesChunksWeightedBySize() {
        // 7 states through a batch-3 network: chunks of 3, 3 and 1.
        FakeQNetwork net = new FakeQNetwork(SMALL, 3, 1);
        int in = SMALL.inputSize();
        byte[] states = new byte[7 * in];
        for (int b = 0; b < 7; b++) {
            for (int i = 0; i < in; i++) {
                states[b * in + i] = (byte) (i < 2 ? 0 : (b + 1) * (i % 5 == 0 ? 0 : 1));
            }
        }
        // Independent expectation: unit u of layer l is (l+1) * mean over the 7 states of byte[u mod in].
        double[][] expected = new double[2][];
        int[] units = {16, 128};
        for (int l = 0; l < 2; l++) {
            expected[l] = new double[units[l]];
            for (int u = 0; u < units[l]; u++) {
                double s = 0;
                for (int b = 0; b < 7; b++) {
                    s += (l + 1) * states[b * in + u % in];
                }
                expected[l][u] = s / 7;
            }
        }
        DormantNeurons d = new DormantNeurons(SMALL);
        assertEquals(d.fractions(expected), d.measure(net, states, 7));
        Map<String, Double> m = d.measure(net, states, 7);
        // Units 0, 1 and every multiple of 5 are silent: conv1 0,1,5,10,15 -> 5 of 16.
        assertEquals(5.0 / 16, m.get("dormant_0_conv1"), 1e-12);
    }
}
