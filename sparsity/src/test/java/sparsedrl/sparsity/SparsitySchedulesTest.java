package sparsedrl.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SparsitySchedulesTest {

    @Test
    void cubicScheduleAtChosenSteps() {
        // s_F = 0.9, t_start = 100, t_end = 200; p = clip(t + 1 - 100, 0, 100) / 100.
        assertEquals(0.0, SparsitySchedules.cubic(0.9, 0, 100, 200), 1e-12);
        assertEquals(0.0, SparsitySchedules.cubic(0.9, 98, 100, 200), 1e-12);
        assertEquals(0.9 * (1 - 0.99 * 0.99 * 0.99), SparsitySchedules.cubic(0.9, 100, 100, 200), 1e-12);
        assertEquals(0.9 * 0.875, SparsitySchedules.cubic(0.9, 149, 100, 200), 1e-12); // p = 0.5
        assertEquals(0.9 * (1 - 0.1 * 0.1 * 0.1), SparsitySchedules.cubic(0.9, 189, 100, 200), 1e-12);
        assertEquals(0.9, SparsitySchedules.cubic(0.9, 199, 100, 200), 1e-12);
        assertEquals(0.9, SparsitySchedules.cubic(0.9, 200, 100, 200), 1e-12);
        assertEquals(0.9, SparsitySchedules.cubic(0.9, 10_000, 100, 200), 1e-12);
        // The 40M-frame setting: half-way through [500k, 2M].
        assertEquals(0.95 * 0.875, SparsitySchedules.cubic(0.95, 1_249_999, 500_000, 2_000_000), 1e-12);
    }

    @Test
    void cubicRejectsAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> SparsitySchedules.cubic(0.9, 5, 10, 10));
    }

    @Test
    void cosineDropFractionAtChosenSteps() {
        assertEquals(0.3, SparsitySchedules.cosineDropFraction(0.3, 0, 1000), 1e-12);
        assertEquals(0.15 * (1 + Math.sqrt(0.5)), SparsitySchedules.cosineDropFraction(0.3, 250, 1000), 1e-12);
        assertEquals(0.15, SparsitySchedules.cosineDropFraction(0.3, 500, 1000), 1e-12);
        assertEquals(0.0, SparsitySchedules.cosineDropFraction(0.3, 1000, 1000), 1e-12);
        assertEquals(0.0, SparsitySchedules.cosineDropFraction(0.3, 5000, 1000), 1e-12);
        assertEquals(0.0, SparsitySchedules.cosineDropFraction(0.3, 0, 0), 0.0);
    }
}
