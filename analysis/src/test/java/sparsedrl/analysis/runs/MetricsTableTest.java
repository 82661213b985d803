package sparsedrl.analysis.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTableTest {

    @Test
    void finalTenthIsFourOfFortyAndAtLeastOne() {
        assertEquals(4, MetricsTable.finalTenthCount(40));
        assertEquals(1, MetricsTable.finalTenthCount(5));
        assertEquals(2, MetricsTable.finalTenthCount(11));
        assertEquals(0, MetricsTable.finalTenthCount(0));
    }

    @Test
    void readsColumnsSkipsTruncatedLinesAndAveragesTheFinalTenth(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("iteration,frames,train_return,eval_return,dormant_0.025\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(',').append(1000 * (i + 1)).append(",0,").append(i * 2).append(",0.5\n");
        }
        sb.append("20,21000,0"); // killed while writing
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, sb.toString());
        MetricsTable m = MetricsTable.read(f);
        assertEquals(20, m.rows());
        // last 2 of 20 rows: eval 36 and 38.
        assertEquals(37.0, m.finalTenthMean("eval_return"), 1e-12);
        assertTrue(m.has("dormant_0.025"));
        assertThrows(IllegalArgumentException.class, () -> m.column("nope"));
    }

    @Test
    void emptyCellsAreIgnoredInTheFinalMean(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, "iteration,eval_return\n0,1\n1,\n");
        assertTrue(Double.isNaN(MetricsTable.read(f).finalTenthMean("eval_return")));
    }

    @Test
    void windowMeanIsTheAreaUnderTheCurveOverTheWindowWidth(@TempDir Path dir) throws Exception {
        // rows at training fractions 0.1 .. 1.0 with value (10 x)^2; the window 0.2..0.8 holds
        // 4, 9, 16, 25, 36, 49, 64 at spacing 0.1: area 0.1 (34 + 135) = 16.9 over width 0.6.
        StringBuilder sb = new StringBuilder("iteration,frames,d\n");
        for (int i = 1; i <= 10; i++) {
            sb.append(i - 1).append(',').append(600 * i).append(',').append(i * i).append('\n');
        }
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, sb.toString());
        MetricsTable m = MetricsTable.read(f);
        assertEquals(16.9 / 0.6, m.windowMean("d", 0.2, 0.8), 1e-9);
        // whole run: area 0.1 ((1 + 100)/2 + 4 + 9 + ... + 81) = 0.1 (50.5 + 284) over width 0.9
        assertEquals(0.1 * (50.5 + 284) / 0.9, m.windowMean("d", 0, 1), 1e-9);
        assertEquals(100, m.windowMean("d", 0.95, 1), 1e-12);
        assertTrue(Double.isNaN(m.windowMean("d", 0.01, 0.05)));
    }

    @Test
    void windowMeanSkipsEmptyCellsAndUsesRowPositionsWithoutFrames(@TempDir Path dir) throws Exception {
        // no frames column: rows sit at 1/4, 2/4, 3/4, 4/4; the empty cell at 2/4 is skipped, so the
        // window 0..1 joins (0.25, 2), (0.75, 4), (1, 8): area 0.5*3 + 0.25*6 = 3 over width 0.75.
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, "iteration,d\n0,2\n1,\n2,4\n3,8\n");
        assertEquals(4.0, MetricsTable.read(f).windowMean("d", 0, 1), 1e-12);
    }
}
