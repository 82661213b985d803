package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IterationPaceTest {
    private static final long SECOND = 1_000_000_000L;

    /** A fresh run of 10 iterations of 100 planned training frames each. */
    private static IterationPace freshRun() {
        return new IterationPace(new ProgressStart(1_000, 10, 0, true, 0), 0);
    }

    @Test
    void beforeTheFirstIterationEndsTheAverageSinceTheStartIsUsed() {
        IterationPace pace = freshRun();
        assertTrue(Double.isNaN(pace.secondsLeft(0, 0)), "nothing measured yet");
        // 50 frames in 5 s: 10 frames/s, 950 frames left
        assertEquals(95.0, pace.secondsLeft(50, 5 * SECOND), 1e-9);
        assertEquals(1_000, pace.expectedTotalFrames());
    }

    @Test
    void afterAnIterationItsOwnDurationDecidesNotTheFasterStart() {
        IterationPace pace = freshRun();
        pace.iterationDone(100, SECOND);          // replay fill: 1 s
        pace.iterationDone(200, 11 * SECOND);     // with updates: 10 s
        assertEquals(10.0, pace.framesPerSecond(250, 20 * SECOND), 1e-9);
        // 8 iterations of 10 s to go, 9 s of the current one gone; the average since the start would say 60 s
        assertEquals(71.0, pace.secondsLeft(250, 20 * SECOND), 1e-9);
    }

    @Test
    void theLastIterationOfARunThatPassesItsPlannedFramesStillShowsItsTimeLeft() {
        IterationPace pace = freshRun();
        long frames = 0;
        for (int i = 1; i <= 9; i++) {            // every iteration runs 110 frames (episodes finish) in 20 s
            frames += 110;
            pace.iterationDone(frames, 20L * i * SECOND);
        }
        assertEquals(990 + 110, pace.expectedTotalFrames());
        // 1,040 frames are past the planned 1,000, yet the last iteration has run only 5 of its 20 s
        assertEquals(15.0, pace.secondsLeft(1_040, 185 * SECOND), 1e-9);
        pace.iterationDone(1_100, 200 * SECOND);
        assertEquals(0.0, pace.secondsLeft(1_100, 201 * SECOND), 1e-9);
        assertEquals(1_100, pace.expectedTotalFrames());
    }

    @Test
    void aResumeInTheMiddleOfAnIterationWaitsForAWholeOneAndNeverGoesNegative() {
        // resumed at 650 frames inside iteration 7 of 10
        IterationPace pace = new IterationPace(new ProgressStart(1_000, 10, 6, false, 650), 0);
        assertEquals(1_000, pace.expectedTotalFrames());
        pace.iterationDone(700, 20 * SECOND);     // the rest of iteration 7: 50 frames in 20 s, not a whole one
        // 3 iterations of 100 planned frames at 2.5 frames/s
        assertEquals(1_000, pace.expectedTotalFrames());
        assertEquals(120.0, pace.secondsLeft(700, 20 * SECOND), 1e-9);
        pace.iterationDone(800, 50 * SECOND);     // iteration 8, whole: 30 s
        assertEquals(50.0, pace.secondsLeft(820, 60 * SECOND), 1e-9);
        assertEquals(0.0, pace.secondsLeft(1_010, 200 * SECOND), 1e-9);
    }

    @Test
    void aResumeAtAnIterationBoundaryCountsFromTheFramesAlreadyDone() {
        // 4 of 10 iterations done, which ran 430 frames instead of the planned 400
        IterationPace pace = new IterationPace(new ProgressStart(1_000, 10, 4, true, 430), 0);
        assertEquals(430 + 6 * 100, pace.expectedTotalFrames());
        pace.iterationDone(545, 30 * SECOND);     // iteration 5 is whole: 115 frames in 30 s
        assertEquals(545 + 5 * 115, pace.expectedTotalFrames());
        assertEquals(5 * 30.0, pace.secondsLeft(545, 30 * SECOND), 1e-9);
    }
}
