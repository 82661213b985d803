package sparsedrl.analysis;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import sparsedrl.analysis.plot.Curves;
import sparsedrl.analysis.plot.PanelWriter;
import sparsedrl.analysis.runs.MetricsTable;

/** Public plotting entry points for other modules (the train command draws its run's curve). */
public final class Plots {

    private Plots() {
    }

    /**
     * Draws a run's training and evaluation return per iteration against frames, written as
     * {@code outWithoutExt.png} and {@code outWithoutExt.svg}.
     */
    public static void learningCurve(Path metricsCsv, Path outWithoutExt) throws IOException {
        MetricsTable m = MetricsTable.read(metricsCsv);
        String xName = m.has(MetricsTable.FRAMES) ? MetricsTable.FRAMES : MetricsTable.ITERATION;
        double[] x = m.has(xName) ? m.column(xName) : indices(m.rows());
        String runName = metricsCsv.toAbsolutePath().getParent().getFileName().toString();
        XYChart chart = Curves.panel(runName, xName, "return");
        if (m.has(MetricsTable.TRAIN_RETURN)) {
            Curves.line(chart, "train return", x, m.column(MetricsTable.TRAIN_RETURN), new Color(0x1f77b4), false);
        }
        if (m.has(MetricsTable.EVAL_RETURN)) {
            Curves.line(chart, "eval return", x, m.column(MetricsTable.EVAL_RETURN), new Color(0xd62728), false);
        }
        if (chart.getSeriesMap().isEmpty()) {
            // Still a valid figure: an empty panel says "no data yet" better than a missing file.
            chart.setTitle(runName + " (no finished iteration yet)");
            chart.addSeries("no data", new double[] {0}, new double[] {0}).setShowInLegend(false);
        }
        PanelWriter.write(List.of(chart), 1, outWithoutExt);
    }

    private static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }
}
