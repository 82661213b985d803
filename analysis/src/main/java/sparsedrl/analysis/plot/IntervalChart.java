package sparsedrl.analysis.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import sparsedrl.analysis.stats.Interval;

/**
 * rliable's interval-estimate view: one row per item, a thick bar from the interval's low to high
 * end and a mark at the estimate, the items' names as the y-axis labels (top to bottom in the given
 * order). XChart has no horizontal bars, so rows are y = n − 1 … 0 and a tick formatter names them.
 */
public final class IntervalChart {

    /** One row: its label, its interval, its colour. */
    public record Row(String label, Interval interval, Color color) {
    }

    private static final int ROW_PIXELS = 26;
    private static final BasicStroke BAR = new BasicStroke(9f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);

    private IntervalChart() {
    }

    /**
     * A chart of the rows; {@code reference} draws a dashed vertical line there (e.g. 0.5 for a
     * probability of improvement), NaN for none.
     */
    public static XYChart of(String title, String xTitle, List<Row> rows, double reference) {
        int n = rows.size();
        int longest = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        XYChart c = new XYChartBuilder().width(400 + 7 * longest).height(110 + ROW_PIXELS * Math.max(n, 1)).title(title)
                .xAxisTitle(xTitle).yAxisTitle("").build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridHorizontalLinesVisible(false);
        c.getStyler().setYAxisMin(-0.6);
        c.getStyler().setYAxisMax(n - 0.4);
        c.getStyler().setYAxisTickMarkSpacingHint(ROW_PIXELS - 6);
        c.getStyler().setMarkerSize(9);
        c.getStyler().setToolTipsEnabled(false);
        c.getStyler().setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        c.setCustomYAxisTickLabelsFormatter(y -> label(rows, y));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            double y = n - 1 - i;
            Interval iv = r.interval();
            if (iv.hasBounds()) {
                XYSeries bar = c.addSeries("ci " + i, new double[] {iv.low(), iv.high()}, new double[] {y, y});
                bar.setLineColor(translucent(r.color()));
                bar.setLineStyle(BAR);
                bar.setMarker(SeriesMarkers.NONE);
                lo = Math.min(lo, iv.low());
                hi = Math.max(hi, iv.high());
            }
            if (Double.isFinite(iv.estimate())) {
                XYSeries mark = c.addSeries("estimate " + i, new double[] {iv.estimate()}, new double[] {y});
                mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                mark.setMarker(SeriesMarkers.DIAMOND);
                mark.setMarkerColor(r.color().darker());
                lo = Math.min(lo, iv.estimate());
                hi = Math.max(hi, iv.estimate());
            }
        }
        if (Double.isFinite(reference)) {
            XYSeries ref = c.addSeries("reference", new double[] {reference, reference}, new double[] {-0.6, n - 0.4});
            ref.setLineColor(Color.GRAY);
            ref.setLineStyle(Curves.DASHED);
            ref.setMarker(SeriesMarkers.NONE);
        }
        if (c.getSeriesMap().isEmpty()) {
            // nothing finite to show: an empty but valid axis
            c.addSeries("none", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /**
     * The row's label at an integer y. XChart drops every tick label unless all are distinct, so
     * integer ticks beyond the rows get blanks of distinct lengths. It sizes the axis by formatting
     * the axis ends (−0.6 and n − 0.4, never drawn as ticks) and draws no tick at all when the two
     * read the same, so those get the longest label, the upper end with a trailing blank.
     */
    private static String label(List<Row> rows, double y) {
        long k = Math.round(y);
        int i = rows.size() - 1 - (int) k;
        if (Math.abs(y - k) < 1e-6) {
            return i >= 0 && i < rows.size() ? rows.get(i).label() : " ".repeat((int) (k < 0 ? -2 * k : 2 * k + 1));
        }
        return rows.stream().map(Row::label).max(java.util.Comparator.comparingInt(String::length)).orElse("")
                + (y < 0 ? "" : " ");
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 140);
    }
}
