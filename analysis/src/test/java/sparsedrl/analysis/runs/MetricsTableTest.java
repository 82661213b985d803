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
}
