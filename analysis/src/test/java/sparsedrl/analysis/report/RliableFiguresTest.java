package sparsedrl.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.analysis.plot.IntervalChart;
import sparsedrl.analysis.stats.Interval;

/**
 * rliable's views over a hand-made sweep: two small games whose dense runs score 0 and 10 (so a
 * return r normalises to r / 10), prune at 8, 9, 10, rigl@0.2 at 1, 2, 3, and prune without bias the
 * same as with bias; all at sparsity 0.9.
 */
class RliableFiguresTest {

    @TempDir
    static Path dir;
    static Map<String, RliableFigures.Across> configs;
    static final RliableFigures FIGURES = new RliableFigures(2000, 5);

    @BeforeAll
    static void sweep() throws Exception {
        SweepFixture f = new SweepFixture();
        for (String g : List.of("minatar:breakout", "minatar:asterix")) {
            f.add(g, "dense", 0, true, 0, 0).add(g, "dense", 0, true, 1, 10);
            for (int s = 0; s < 3; s++) {
                f.add(g, "prune", 0.9, true, s, 8 + s).add(g, "prune", 0.9, false, s, 8 + s)
                        .add(g, "rigl@0.2", 0.9, true, s, 1 + s);
            }
        }
        configs = RliableFigures.acrossGames(SweepFixture.stats(f.write(dir.resolve("sweep")), 100));
    }

    private static Interval row(List<IntervalChart.Row> rows, String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow(
                () -> new AssertionError(label + " not in " + rows.stream().map(IntervalChart.Row::label).toList())).interval();
    }

    @Test
    void probabilityOfImprovementOfAlwaysBetterRunsIsOneAndOfTheSameRunsOneHalf() {
        List<IntervalChart.Row> rows = FIGURES.improvementRows(configs);
        assertEquals(new Interval(1, 1, 1), row(rows, "s=0.9: P(prune > rigl@0.2), 2 games"));
        // {8, 9, 10} against itself: 3 ties (1/2 each), 3 wins, 3 losses of 9 pairs
        assertEquals(0.5, row(rows, "s=0.9: P(prune no-bias > prune), 2 games").estimate(), 1e-12);
        // no rigl@0 and no rigl@0.2 without bias in this grid: no such pairs
        assertTrue(rows.stream().noneMatch(r -> r.label().contains("rigl@0)") || r.label().contains("rigl@0.2 no-bias")));
    }

    @Test
    void iqmAndOptimalityGapOfTheNormalisedRuns() {
        // prune: {0.8, 0.9, 1.0} in each game; pooled IQM drops one at each end: mean(0.8, 0.9, 0.9, 1.0)
        assertEquals(0.9, row(FIGURES.iqmRows(configs), "prune s=0.9 bias (2 games)").estimate(), 1e-12);
        // gap: 1 - mean(min(x, 1)) = 1 - 0.9
        assertEquals(0.1, row(FIGURES.gapRows(configs), "prune s=0.9 bias (2 games)").estimate(), 1e-12);
        // rigl@0.2: {0.1, 0.2, 0.3}: gap 0.8
        assertEquals(0.8, row(FIGURES.gapRows(configs), "rigl@0.2 s=0.9 bias (2 games)").estimate(), 1e-12);
    }

    @Test
    void drawsEachViewAsPngAndSvg(@TempDir Path out) throws Exception {
        List<Figures.Output> drawn = FIGURES.draw(SweepFixture.stats(dir.resolve("sweep"), 100), out);
        assertEquals(3, drawn.size());
        for (Figures.Output o : drawn) {
            assertTrue(o.base() != null, o.line());
            assertTrue(Files.size(o.svg()) > 1000 && Files.size(o.base().resolveSibling(o.base().getFileName() + ".png")) > 1000,
                    o.line());
        }
    }
}
