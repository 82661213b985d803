package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IterationPaceTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void beforeTheFirstIterationEndsTheAverageSinceTheStartIsUsed() {
        IterationPace pace = new IterationPace(1_000, 0, 0);
        assertTrue(Double.isNaN(pace.secondsLeft(0, 0)), "nothing measured yet");
        // 50 frames in 5 s: 10 frames/s, 950 frames left
        assertEquals(95.0, pace.secondsLeft(50, 5 * SECOND), 1e-9);
    }

    @Test
    void afterAnIterationItsOwnPaceDecidesNotTheFasterStart() {
        IterationPace pace = new IterationPace(1_000, 0, 0);
        pace.iterationDone(100, SECOND);          // replay fill: 100 frames/s
        pace.iterationDone(200, 11 * SECOND);     // with updates: 10 frames/s
        assertEquals(10.0, pace.framesPerSecond(250, 20 * SECOND), 1e-9);
        // 750 frames left at the latest pace; the average since the start (250 / 20 s) would say 60 s
        assertEquals(75.0, pace.secondsLeft(250, 20 * SECOND), 1e-9);
    }

    @Test
    void aResumedRunMeasuresFromWhereItResumedAndNeverGoesNegative() {
        IterationPace pace = new IterationPace(1_000, 600, 0);
        pace.iterationDone(700, 20 * SECOND);     // a partial iteration after resume: 5 frames/s
        assertEquals(60.0, pace.secondsLeft(700, 20 * SECOND), 1e-9);
        assertEquals(0.0, pace.secondsLeft(1_010, 30 * SECOND), 1e-9);
    }
}
