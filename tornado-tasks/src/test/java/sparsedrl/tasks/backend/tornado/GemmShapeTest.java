package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/** Launch shapes of the device's heavy kernels ({@link GemmShape}, sparse weight gradient). */
class GemmShapeTest {

    private static final int BATCH = 32;

    @Test
    void everyHeavyKernelOfABatch32NatureUpdateLaunchesAtLeast1e5WorkItems() {
        for (Padding padding : Padding.values()) {
            List<LayerSpec> layers = NetworkSpec.nature(18, padding, Set.of()).layers();
            // conv1-3 and dense1: forward, weight gradient, input gradient (none for conv1); the q layer is small.
            for (int i = 0; i < layers.size() - 1; i++) {
                LayerSpec l = layers.get(i);
                for (int mode : i == 0 ? new int[] {ConvGemm.FORWARD, ConvGemm.WEIGHT_GRADIENT}
                        : new int[] {ConvGemm.FORWARD, ConvGemm.WEIGHT_GRADIENT, ConvGemm.INPUT_GRADIENT}) {
                    GemmShape s = GemmShape.of(l, BATCH, mode);
                    assertTrue(s.workItems() >= 100_000, padding + " " + l.name() + " mode " + mode + ": " + s
                            + " launches " + s.workItems());
                }
                assertTrue(LayerTasks.sparseGradientWorkItems(l, BATCH) >= 100_000, l.name());
            }
        }
    }

    @Test
    void shapesFollowTheLayer() {
        // conv2 of the Nature net, SAME: 21x21x32 -> 11x11x64, 4x4 stride 2, low pad 1 (hand-derived).
        LayerSpec conv2 = NetworkSpec.nature(6, Padding.SAME, Set.of()).layers().get(1);
        GemmShape fwd = GemmShape.of(conv2, BATCH, ConvGemm.FORWARD);
        assertEquals(32 * 11 * 11, fwd.m());
        assertEquals(64, fwd.n());
        assertEquals(4 * 4 * 32, fwd.k());
        assertEquals(32 * 11 * 11 * 64, fwd.size());
        GemmShape wGrad = GemmShape.of(conv2, BATCH, ConvGemm.WEIGHT_GRADIENT);
        assertEquals(512, wGrad.m());
        assertEquals(32 * 11 * 11, wGrad.k());
        // Input gradient: 4 stride phases; phase (0, 0) has 11 x 11 positions per sample and 2 x 2 taps.
        GemmShape in = GemmShape.of(conv2, BATCH, ConvGemm.INPUT_GRADIENT);
        assertEquals(4, in.phases());
        assertEquals(32 * 11 * 11, in.m());
        assertEquals(2 * 2 * 64, in.k());
        assertEquals(32 * 21 * 21 * 32, in.size());
    }

    @Test
    void kSlicesKeepSeveralStepsEach() {
        // dense1 of the Nature net (7744 -> 512): 32 x 512 outputs are too few, so k is sliced.
        LayerSpec dense1 = NetworkSpec.nature(6, Padding.SAME, Set.of()).layers().get(3);
        GemmShape fwd = GemmShape.of(dense1, BATCH, ConvGemm.FORWARD);
        assertTrue(fwd.splits() > 1, fwd.toString());
        int steps = (fwd.k() + ConvGemm.KSTEP - 1) / ConvGemm.KSTEP;
        assertTrue(steps / fwd.splits() >= GemmShape.MIN_STEPS_PER_SLICE, fwd.toString());
        // One state: never more slices than k steps allow.
        GemmShape single = GemmShape.of(dense1, 1, ConvGemm.FORWARD);
        assertTrue(single.splits() <= steps / GemmShape.MIN_STEPS_PER_SLICE, single.toString());
    }

    @Test
    void packedShapeValuesMustFitAByte() {
        assertEquals(84 | 84 << 8 | 21 << 16 | 21 << 24, ConvGemm.pack(84, 84, 21, 21));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ConvGemm.pack(256, 1, 1, 1));
    }
}
