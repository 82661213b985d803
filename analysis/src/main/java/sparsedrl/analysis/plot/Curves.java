package sparsedrl.analysis.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Building blocks shared by every figure: a styled panel, solid/dashed lines, shaded bands. */
public final class Curves {

    public static final BasicStroke SOLID = new BasicStroke(2f);
    public static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {7f, 5f}, 0f);

    private Curves() {
    }

    public static XYChart panel(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(680).height(420).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        // Beside the plot: inside, a legend hides data wherever the curves happen to be.
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        c.getStyler().setLegendFont(c.getStyler().getLegendFont().deriveFont(10f));
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    /** A line through the finite points; returns null (nothing drawn) when none is finite. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, boolean dashed) {
        List<double[]> pts = finitePoints(x, y);
        if (pts.isEmpty()) {
            return null;
        }
        XYSeries s = chart.addSeries(uniqueName(chart, name), column(pts, 0), column(pts, 1));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(pts.size() <= 12 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setLineStyle(dashed ? DASHED : SOLID);
        return s;
    }

    /** A translucent band between {@code low} and {@code high}; points with a NaN bound are skipped. */
    public static void band(XYChart chart, String name, double[] x, double[] low, double[] high, Color color) {
        List<double[]> lo = new ArrayList<>();
        List<double[]> hi = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(low[i]) && Double.isFinite(high[i])) {
                lo.add(new double[] {x[i], low[i]});
                hi.add(0, new double[] {x[i], high[i]});
            }
        }
        if (lo.size() < 2) {
            return;
        }
        lo.addAll(hi);
        XYSeries s = chart.addSeries(uniqueName(chart, name + " CI"), column(lo, 0), column(lo, 1));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color fill = new Color(color.getRed(), color.getGreen(), color.getBlue(), 45);
        s.setFillColor(fill);
        // no outline: XChart strokes it segment by segment, which only adds weight to the SVG
        s.setLineStyle(SeriesLines.NONE);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    private static String uniqueName(XYChart chart, String name) {
        String n = name;
        for (int i = 2; chart.getSeriesMap().containsKey(n); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }

    private static List<double[]> finitePoints(double[] x, double[] y) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pts.add(new double[] {x[i], y[i]});
            }
        }
        return pts;
    }

    private static double[] column(List<double[]> pts, int c) {
        double[] out = new double[pts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pts.get(i)[c];
        }
        return out;
    }
}
