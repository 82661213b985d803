package sparsedrl.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StratifiedBootstrapTest {

    @Test
    void constantTasksGiveADegenerateInterval() {
        Interval ci = new StratifiedBootstrap(2000, 1).iqm(List.of(new double[] {3, 3, 3}, new double[] {3, 3}));
        assertEquals(3.0, ci.estimate());
        assertEquals(3.0, ci.low());
        assertEquals(3.0, ci.high());
    }

    @Test
    void sameSeedSameIntervalOtherSeedDifferent() {
        Random r = new Random(1);
        double[] t1 = new double[15];
        double[] t2 = new double[15];
        for (int i = 0; i < t1.length; i++) {
            t1[i] = r.nextGaussian();
            t2[i] = 10 + 3 * r.nextGaussian();
        }
        List<double[]> tasks = List.of(t1, t2);
        Interval a = new StratifiedBootstrap(5000, 42).iqm(tasks);
        Interval b = new StratifiedBootstrap(5000, 42).iqm(tasks);
        Interval c = new StratifiedBootstrap(5000, 43).iqm(tasks);
        assertEquals(a, b);
        assertTrue(a.low() != c.low() || a.high() != c.high());
        assertTrue(a.low() <= a.estimate() && a.estimate() <= a.high());
    }

    @Test
    void largeNormalSampleIntervalMatchesTheoreticalWidth() {
        // One task of n = 400 draws from N(0, 1): the bootstrap 95% half-width should be close to
        // 1.96 times the IQM's sampling standard deviation, measured independently by Monte Carlo.
        Random r = new Random(7);
        double[] x = new double[400];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        Interval ci = new StratifiedBootstrap(4000, 3).iqm(List.of(x));
        double se = monteCarloIqmStdError(400, 4000, new Random(11));
        double halfWidth = (ci.high() - ci.low()) / 2;
        assertEquals(1.96 * se, halfWidth, 0.25 * 1.96 * se);
    }

    /** Standard deviation of the IQM across fresh normal samples: independent of the bootstrap. */
    private static double monteCarloIqmStdError(int n, int trials, Random r) {
        double s = 0;
        double ss = 0;
        for (int t = 0; t < trials; t++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextGaussian();
            }
            java.util.Arrays.sort(x);
            double m = 0;
            for (int i = n / 4; i < n - n / 4; i++) {
                m += x[i];
            }
            m /= n - 2 * (n / 4);
            s += m;
            ss += m * m;
        }
        double mean = s / trials;
        return Math.sqrt(ss / trials - mean * mean);
    }

    @Test
    void differenceOfWellSeparatedGroupsExcludesZero() {
        List<double[]> a = List.of(new double[] {10, 11, 12, 10.5, 11.5});
        List<double[]> b = List.of(new double[] {1, 2, 3, 1.5, 2.5});
        Interval d = new StratifiedBootstrap(5000, 5).iqmDifference(a, b);
        assertEquals(9.0, d.estimate(), 1e-12);
        assertTrue(d.above(0));
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4], 2.5) = 1 + 0.075 = 1.075; 97.5 -> 3.925.
        double[] s = {1, 2, 3, 4};
        assertEquals(1.075, StratifiedBootstrap.percentileOfSorted(s, 2.5), 1e-12);
        assertEquals(3.925, StratifiedBootstrap.percentileOfSorted(s, 97.5), 1e-12);
    }

    @Test
    void levelSetsThePercentiles() {
        // One task {0, 1}: a resample's IQM (= mean of 2) is 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4.
        // The 90% interval spans the 5th..95th percentiles: 0 and 1. The 40% interval spans the
        // 30th..70th percentiles, both inside the middle half: 0.5 and 0.5.
        List<double[]> task = List.of(new double[] {0, 1});
        StratifiedBootstrap b = new StratifiedBootstrap(20_000, 9);
        Interval ninety = b.interval(task, TaskScores::iqm, 0.90);
        assertEquals(0.0, ninety.low());
        assertEquals(1.0, ninety.high());
        Interval forty = b.interval(task, TaskScores::iqm, 0.40);
        assertEquals(0.5, forty.low());
        assertEquals(0.5, forty.high());
    }

    @Test
    void compareOfSeparatedGroupsIsCertain() {
        // Every run of a beats every run of b: P(a > b) is 1 in every resample.
        Interval p = new StratifiedBootstrap(2000, 4).compare(List.of(new double[] {5, 6, 7}), List.of(new double[] {1, 2, 3}),
                TaskScores::probabilityOfImprovement, 0.95);
        assertEquals(new Interval(1, 1, 1), p);
    }

    @Test
    void bandOfAProfileBracketsItsEstimateAndCollapsesWhereAllRunsAgree() {
        double[] taus = {-1, 0.5, 10};
        StratifiedBootstrap.Band band = new StratifiedBootstrap(3000, 2).band(
                List.of(new double[] {0, 1, 0, 1}, new double[] {0.2, 0.9, 0.4}),
                (t, out) -> TaskScores.runScoreDistribution(t, taus, out), taus.length, 0.95);
        // every run is above -1 and below 10 in every resample
        assertEquals(1.0, band.low()[0]);
        assertEquals(1.0, band.high()[0]);
        assertEquals(0.0, band.low()[2]);
        assertEquals(0.0, band.high()[2]);
        // at 0.5: (2/4 + 1/3) / 2
        assertEquals((0.5 + 1.0 / 3) / 2, band.estimate()[1], 1e-12);
        assertTrue(band.low()[1] < band.estimate()[1] && band.estimate()[1] < band.high()[1]);
    }
}
