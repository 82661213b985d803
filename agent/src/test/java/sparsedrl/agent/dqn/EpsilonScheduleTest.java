package sparsedrl.agent.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** SPEC.md section 2: 1.0 until step 20k, linear to 0.01 at step 270k; section 7: 1.0 to 0.1 over 100k after 5k. */
class EpsilonScheduleTest {

    @Test
    void dopamineSchedule() {
        EpsilonSchedule e = new EpsilonSchedule(20_000, 250_000, 1.0, 0.01);
        assertEquals(1.0, e.at(0), 1e-12);
        assertEquals(1.0, e.at(20_000), 1e-12);
        assertEquals(1.0 - 0.99 * 0.5, e.at(145_000), 1e-12); // half way down
        assertEquals(0.01, e.at(270_000), 1e-12);
        assertEquals(0.01, e.at(10_000_000), 1e-12);
        assertEquals(1.0 - 0.99 / 250_000, e.at(20_001), 1e-12);
    }

    @Test
    void minatarSchedule() {
        EpsilonSchedule e = new EpsilonSchedule(5_000, 100_000, 1.0, 0.1);
        assertEquals(1.0, e.at(4_999), 1e-12);
        assertEquals(0.55, e.at(55_000), 1e-12);
        assertEquals(0.1, e.at(105_000), 1e-12);
        assertEquals(0.1, e.at(1_000_000), 1e-12);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new EpsilonSchedule(0, 0, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new EpsilonSchedule(0, 10, 0.1, 0.5));
    }
}
