package sparsedrl.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.analysis.report.Finding.Check;
import sparsedrl.analysis.report.Finding.Claim;
import sparsedrl.analysis.report.Finding.Verdict;

/**
 * Hand-made sweeps whose right verdicts follow from how they were built. Four small games, five
 * seeds; every game has a dense run at 0 and one at 10, so its min–max normalised scale is the
 * return divided by 10.
 */
class FindingsJudgeTest {

    static final List<String> GAMES = List.of("minatar:asterix", "minatar:breakout", "minatar:seaquest",
            "minatar:spaceinvaders");
    static final int SEEDS = 5;
    static final int REPLICATES = 2000;

    @TempDir
    Path dir;

    private static SweepFixture anchored() {
        SweepFixture f = new SweepFixture();
        for (String g : GAMES) {
            f.add(g, "dense", 0, true, 0, 0).add(g, "dense", 0, true, 1, 10);
        }
        return f;
    }

    /** Every game, every seed: {@code value(game, seed)} for one configuration. */
    private interface Planted {
        double value(String game, int seed);
    }

    private static void plant(SweepFixture f, String method, double[] sparsities, boolean bias, Planted p,
                              DoubleUnaryOperator dormant) {
        for (String g : GAMES) {
            for (double s : sparsities) {
                for (int seed = 0; seed < SEEDS; seed++) {
                    f.add(g, method, s, bias, seed, p.value(g, seed), dormant);
                }
            }
        }
    }

    private static void plant(SweepFixture f, String method, double[] sparsities, boolean bias, Planted p) {
        plant(f, method, sparsities, bias, p, x -> 0.1);
    }

    private List<Finding> judge(SweepFixture f, double margin) throws Exception {
        return new FindingsJudge(REPLICATES, 3, margin).judge(SweepFixture.stats(f.write(dir.resolve("sweep")), 200));
    }

    private static Finding finding(List<Finding> fs, String id) {
        return fs.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    private static Claim claim(Finding f, String textStart) {
        return f.claims().stream().filter(c -> c.text().startsWith(textStart)).findFirst().orElseThrow();
    }

    private static final double[] LOW = {0.8, 0.9};
    private static final double[] HIGH = {0.95, 0.98};

    @Test
    void identicalTightDistributionsCloseTheGapAndAClearDeficitLoses() throws Exception {
        SweepFixture f = anchored();
        plant(f, "prune", LOW, true, (g, s) -> 5 + 0.1 * s);
        plant(f, "rigl@0.2", LOW, true, (g, s) -> 5 + 0.1 * s);
        plant(f, "rigl@0", LOW, true, (g, s) -> 2 + 0.1 * s);
        Finding a = finding(judge(f, 0.1), "a");
        assertEquals(Verdict.SUPPORTED, a.verdict(), a.note());
        Claim loses = claim(a, "RigL from step 0 loses");
        Claim closes = claim(a, "RigL from 20% closes the gap");
        // one check per low sparsity level, each over the four games
        assertEquals(List.of("s=0.8", "s=0.9"), loses.checks().stream().map(Check::scope).toList());
        for (Check c : closes.checks()) {
            assertEquals(4, c.tasks().size());
            assertEquals(20, c.runsA());
            // identical sets of five values 0.50..0.54: every resampled IQM lies in [0.50, 0.54]
            assertTrue(c.interval().low() >= -0.04 - 1e-12 && c.interval().high() <= 0.04 + 1e-12, c.interval().format());
        }
        assertTrue(closes.rule().contains("90% interval lies inside ±0.100"), closes.rule());
    }

    @Test
    void aShiftedRigLIsNotComparableUnlessTheMarginAllowsIt() throws Exception {
        SweepFixture f = anchored();
        plant(f, "prune", LOW, true, (g, s) -> 5 + 0.1 * s);
        plant(f, "rigl@0.2", LOW, true, (g, s) -> 7 + 0.1 * s); // 0.2 above pruning in normalised score
        plant(f, "rigl@0", LOW, true, (g, s) -> 2 + 0.1 * s);
        Claim closes = claim(finding(judge(f, 0.1), "a"), "RigL from 20% closes the gap");
        assertEquals(Verdict.NOT_SUPPORTED, closes.verdict(), closes.summary());
        Claim wide = claim(finding(judge(f, 0.3), "a"), "RigL from 20% closes the gap");
        assertEquals(Verdict.SUPPORTED, wide.verdict(), wide.summary());
    }

    @Test
    void aWideIntervalAroundZeroIsNoEvidenceOfEquivalence() throws Exception {
        // Same distribution on both sides, but seeds spread over half the game's scale: the
        // difference's interval straddles 0 (the old "not below 0" rule passed it) and leaves ±0.1.
        SweepFixture f = anchored();
        double[] spread = {0, 10, 0, 10, 5};
        plant(f, "prune", LOW, true, (g, s) -> spread[s]);
        plant(f, "rigl@0.2", LOW, true, (g, s) -> spread[(s + 2) % SEEDS]);
        plant(f, "rigl@0", LOW, true, (g, s) -> spread[s]);
        Claim closes = claim(finding(judge(f, 0.1), "a"), "RigL from 20% closes the gap");
        assertEquals(Verdict.NOT_SUPPORTED, closes.verdict());
        for (Check c : closes.checks()) {
            assertTrue(c.interval().low() < 0 && c.interval().high() > 0, c.interval().format());
            assertFalse(c.holds());
        }
    }

    @Test
    void oneGameReversedIsNotAcrossAllGames() throws Exception {
        SweepFixture f = anchored();
        plant(f, "rigl@0.2", HIGH, true, (g, s) -> 4 + 0.1 * s);
        plant(f, "rigl@0.2", HIGH, false, (g, s) -> (g.equals("minatar:seaquest") ? 2 : 6) + 0.1 * s);
        plant(f, "prune", HIGH, true, (g, s) -> 6 + 0.1 * s);
        plant(f, "prune", HIGH, false, (g, s) -> 4 + 0.1 * s);
        Finding c = finding(judge(f, 0.1), "c");
        Claim helps = claim(c, "removing biases helps RigL");
        assertEquals(Verdict.NOT_SUPPORTED, helps.verdict());
        assertTrue(helps.summary().startsWith("holds in 3 of 4 games; fails in minatar:seaquest"), helps.summary());
        assertEquals(GAMES, helps.checks().stream().map(Check::scope).toList());
        assertEquals(Verdict.SUPPORTED, claim(c, "removing biases hurts pruning").verdict());
        assertEquals(Verdict.NOT_SUPPORTED, c.verdict());
        assertTrue(c.note().contains("c1"), c.note());
    }

    @Test
    void everyGameInTheSameDirectionSupportsTheBiasFinding() throws Exception {
        SweepFixture f = anchored();
        plant(f, "rigl@0.2", HIGH, true, (g, s) -> 4 + 0.1 * s);
        plant(f, "rigl@0.2", HIGH, false, (g, s) -> 6 + 0.1 * s);
        plant(f, "prune", HIGH, true, (g, s) -> 6 + 0.1 * s);
        plant(f, "prune", HIGH, false, (g, s) -> 4 + 0.1 * s);
        Finding c = finding(judge(f, 0.1), "c");
        assertEquals(Verdict.SUPPORTED, c.verdict(), c.note());
        Claim comparable = claim(c, "RigL without bias is comparable");
        assertEquals(1, comparable.checks().size());
        assertEquals(8, comparable.checks().get(0).tasks().size()); // 4 games x 2 sparsities pooled
    }

    @Test
    void dormantClaimsAreJudgedOverTheSparsePhaseAndAtTheEndSeparately() throws Exception {
        // RigL's dormant fraction is high only while the topology changes (20-80%) and falls back to
        // pruning's level afterwards; at 0.8 sparsity it stays lower.
        SweepFixture f = anchored();
        DoubleUnaryOperator riglHigh = x -> x >= 0.2 && x <= 0.8 ? 0.5 : 0.1;
        DoubleUnaryOperator riglLow = x -> x >= 0.2 && x <= 0.8 ? 0.2 : 0.1;
        plant(f, "rigl@0.2", HIGH, true, (g, s) -> 5, riglHigh);
        plant(f, "rigl@0.2", new double[] {0.8}, true, (g, s) -> 5, riglLow);
        plant(f, "prune", HIGH, true, (g, s) -> 5, x -> 0.1);
        Finding d = finding(judge(f, 0.1), "d");
        Claim phase = claim(d, "RigL has more dormant neurons than pruning at high sparsity, over the sparse phase");
        Claim end = claim(d, "RigL has more dormant neurons than pruning at high sparsity, at the end");
        assertEquals(Verdict.SUPPORTED, phase.verdict(), phase.summary());
        assertEquals(GAMES, phase.checks().stream().map(Check::scope).toList());
        assertEquals(0.4, phase.checks().get(0).interval().estimate(), 1e-9);
        assertEquals(Verdict.NOT_SUPPORTED, end.verdict(), end.summary());
        assertEquals(0.0, end.checks().get(0).interval().estimate(), 1e-9);
        Claim sparsity = claim(d, "RigL has more dormant neurons at high than at low sparsity, over the sparse phase");
        assertEquals(Verdict.SUPPORTED, sparsity.verdict(), sparsity.summary());
        assertTrue(sparsity.contrast().startsWith("rigl@0.2 s=0.98 − rigl@0.2 s=0.8"), sparsity.contrast());
        // no run without bias: those claims say the grid cannot test them
        Claim noBias = claim(d, "RigL has fewer dormant neurons without bias, over the sparse phase");
        assertEquals(Verdict.NOT_TESTABLE, noBias.verdict());
        assertTrue(noBias.summary().contains("rigl@0.2 no-bias"), noBias.summary());
        assertEquals(Verdict.NOT_SUPPORTED, d.verdict());
    }

    @Test
    void findingsTheGridCannotTestSaySo() throws Exception {
        // a Figure 1 grid has no RigL from step 0; a Figure 3 grid has no runs without bias
        SweepFixture f = anchored();
        plant(f, "prune", LOW, true, (g, s) -> 5 + 0.1 * s);
        plant(f, "rigl@0.2", LOW, true, (g, s) -> 5 + 0.1 * s);
        List<Finding> fs = judge(f, 0.1);
        Finding a = finding(fs, "a");
        assertEquals(Verdict.NOT_TESTABLE, a.verdict(), a.note());
        Claim loses = claim(a, "RigL from step 0 loses");
        assertEquals("not testable: no usable runs of rigl@0 (s=0.8, s=0.9)", loses.summary());
        assertTrue(a.note().contains("a1") && a.note().contains("the others hold"), a.note());
        assertEquals(Verdict.NOT_TESTABLE, finding(fs, "c").verdict());
        assertEquals(Verdict.NOT_TESTABLE, finding(fs, "b").verdict());
    }

    @Test
    void everyHighSparsityLevelMustShowTheDeficit() throws Exception {
        // RigL loses at 0.98 but matches pruning at 0.95: "above 90%" is not shown at every level.
        SweepFixture f = anchored();
        plant(f, "prune", HIGH, true, (g, s) -> 6 + 0.1 * s);
        for (String g : GAMES) {
            for (int s = 0; s < SEEDS; s++) {
                f.add(g, "rigl@0.2", 0.95, true, s, 6 + 0.1 * s).add(g, "rigl@0.2", 0.98, true, s, 3 + 0.1 * s);
            }
        }
        Claim b1 = finding(judge(f, 0.1), "b").claims().get(0);
        assertEquals(Verdict.NOT_SUPPORTED, b1.verdict());
        assertEquals("holds in 1 of 2 sparsity levels; fails in s=0.95", b1.summary());
    }
}
