package sparsedrl.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed values of rliable's aggregates. */
class TaskScoresTest {

    @Test
    void optimalityGapCountsScoresAboveTheTargetAsTheTarget() {
        // min(x, 1) over {0.5, 1.5, 0.2} = 0.5, 1, 0.2; mean 1.7/3; gap 1 - 1.7/3 = 1.3/3.
        assertEquals(1.3 / 3, TaskScores.optimalityGap(List.of(new double[] {0.5, 1.5}, new double[] {0.2}), 1.0), 1e-12);
    }

    @Test
    void runScoreDistributionWeighsEveryTaskTheSame() {
        // task 1 {0,1,2,3}: above 0.5 -> 3/4, above 2.5 -> 1/4, above 10 -> 0; task 2 {5}: 1, 1, 0.
        double[] out = new double[3];
        TaskScores.runScoreDistribution(List.of(new double[] {0, 1, 2, 3}, new double[] {5}),
                new double[] {0.5, 2.5, 10}, out);
        assertArrayEquals(new double[] {0.875, 0.625, 0}, out, 1e-12);
    }

    @Test
    void runScoreDistributionCountsOnlyScoresStrictlyAbove() {
        double[] out = new double[1];
        TaskScores.runScoreDistribution(List.of(new double[] {1, 1, 2}), new double[] {1}, out);
        assertEquals(1.0 / 3, out[0], 1e-12);
    }

    @Test
    void probabilityOfImprovementCountsTiesAsHalfAndAveragesTasks() {
        // task 1: pairs (1,2) 0, (1,0) 1, (2,2) 0.5, (2,0) 1 -> 2.5/4; task 2: (3,3) 0.5 -> mean 0.5625.
        double p = TaskScores.probabilityOfImprovement(List.of(new double[] {1, 2}, new double[] {3}),
                List.of(new double[] {2, 0}, new double[] {3}));
        assertEquals(0.5625, p, 1e-12);
    }

    @Test
    void probabilityOfImprovementNeedsPairedTasks() {
        assertThrows(IllegalArgumentException.class, () -> TaskScores.probabilityOfImprovement(
                List.of(new double[] {1}), List.of(new double[] {1}, new double[] {2})));
    }

    @Test
    void iqmPoolsTheTasks() {
        // pooled 1..8: mean of 3..6 = 4.5.
        assertEquals(4.5, TaskScores.iqm(List.of(new double[] {8, 1, 7}, new double[] {2, 6, 3, 5, 4})), 1e-12);
    }
}
