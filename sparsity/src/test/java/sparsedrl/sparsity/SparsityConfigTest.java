package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparsityConfigTest {

    @Test
    void defaultsAreTheSpecValues() {
        SparsityConfig c = SparsityConfig.defaults();
        assertEquals(MethodKind.DENSE, c.method());
        assertEquals(Distribution.ERK, c.distribution());
        assertEquals(0.2, c.sparseStart());
        assertEquals(0.8, c.sparseEnd());
        assertEquals(1_000, c.maskUpdateEvery());
        assertEquals(5_000, c.topologyUpdateEvery());
        assertEquals(0.3, c.dropFraction());
        // 40M frames = 2.5M updates: t_start 500,000 and t_end 2,000,000 (SPEC.md section 5).
        assertEquals(500_000, c.startUpdate(2_500_000));
        assertEquals(2_000_000, c.endUpdate(2_500_000));
    }

    @Test
    void badValuesAreRejectedWithTheOptionName() {
        SparsityConfig c = SparsityConfig.defaults();
        assertMessage("--sparsity", () -> c.withSparsity(1.0));
        assertMessage("--sparsity", () -> c.withSparsity(-0.1));
        assertMessage("--sparsity", () -> c.withSparsity(Double.NaN));
        assertMessage("--sparse-start", () -> c.withWindow(0.9, 0.8));
        assertMessage("--sparse-end", () -> c.withWindow(0.2, 1.5));
        assertMessage("--method prune", () -> c.withMethod(MethodKind.PRUNE).withWindow(0.5, 0.5));
        assertMessage("--mask-update-every", () -> c.withMaskUpdateEvery(0));
        assertMessage("--topology-update-every", () -> c.withTopologyUpdateEvery(0));
        assertMessage("--drop-fraction", () -> c.withDropFraction(1.2));
        // rigl may start and stop at the same point: one-shot prune then a frozen mask.
        c.withMethod(MethodKind.RIGL).withWindow(0.5, 0.5);
    }

    @Test
    void namesParseCaseInsensitivelyAndUnknownOnesListTheChoices() {
        assertEquals(MethodKind.RIGL, MethodKind.parse("RigL"));
        assertEquals(MethodKind.STATIC, MethodKind.parse("static"));
        assertEquals(Distribution.UNIFORM, Distribution.parse(" Uniform"));
        assertMessage("dense, prune, rigl, set, static", () -> MethodKind.parse("lottery"));
        assertMessage("erk or uniform", () -> Distribution.parse("er"));
    }

    private static void assertMessage(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
