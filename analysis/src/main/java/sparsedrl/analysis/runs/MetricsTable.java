package sparsedrl.analysis.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numeric columns of a run's {@code metrics.csv}, one row per iteration. Empty or non-numeric
 * cells read as NaN; a truncated last line (a run killed while writing) is dropped.
 */
public final class MetricsTable {

    public static final String FRAMES = "frames";
    public static final String ITERATION = "iteration";
    public static final String TRAIN_RETURN = "train_return";
    public static final String EVAL_RETURN = "eval_return";
    /** The headline dormant-neuron column (τ = 0.025, all hidden layers). */
    public static final String DORMANT_HEADLINE = "dormant_0.025";

    private final Map<String, double[]> columns;
    private final int rows;

    private MetricsTable(Map<String, double[]> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static MetricsTable read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException(csv + " has no header");
        }
        String[] header = lines.get(0).trim().split(",", -1);
        List<double[]> rowValues = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                continue; // a partly written line
            }
            double[] row = new double[header.length];
            for (int c = 0; c < cells.length; c++) {
                row[c] = parse(cells[c]);
            }
            rowValues.add(row);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            double[] col = new double[rowValues.size()];
            for (int r = 0; r < col.length; r++) {
                col[r] = rowValues.get(r)[c];
            }
            cols.put(header[c].trim(), col);
        }
        return new MetricsTable(cols, rowValues.size());
    }

    private static double parse(String cell) {
        String s = cell.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public int rows() {
        return rows;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** A copy of the column; throws when it is absent. */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("metrics have no column '" + name + "' (have " + columns.keySet() + ")");
        }
        return Arrays.copyOf(c, c.length);
    }

    /**
     * The mean of a column over the final 10% of rows (at least one row; 4 of 40 as in the paper),
     * ignoring NaN cells; NaN when there is nothing to average.
     */
    public double finalTenthMean(String name) {
        double[] c = column(name);
        int k = finalTenthCount(c.length);
        double s = 0;
        int n = 0;
        for (int i = c.length - k; i < c.length; i++) {
            if (!Double.isNaN(c[i])) {
                s += c[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * The time average of a column over a window of training: the area under its curve between
     * the training fractions {@code from} and {@code to} divided by the width the rows cover. A row's
     * training fraction is its frame count over the last row's (its position when there is no
     * frames column); the curve joins the rows inside the window with straight lines, so a single
     * row is its own value. NaN cells are skipped; NaN when no row with a value lies in the window.
     */
    public double windowMean(String name, double from, double to) {
        double[] c = column(name);
        double[] f = has(FRAMES) ? column(FRAMES) : null;
        double last = f == null ? c.length : f[f.length - 1];
        double area = 0;
        double firstX = Double.NaN;
        double prevX = Double.NaN;
        double prevY = Double.NaN;
        for (int i = 0; i < c.length; i++) {
            double x = (f == null ? i + 1 : f[i]) / last;
            if (Double.isNaN(c[i]) || x < from - WINDOW_SLACK || x > to + WINDOW_SLACK) {
                continue;
            }
            if (Double.isNaN(firstX)) {
                firstX = x;
            } else {
                area += (x - prevX) * (c[i] + prevY) / 2;
            }
            prevX = x;
            prevY = c[i];
        }
        if (Double.isNaN(firstX)) {
            return Double.NaN;
        }
        return prevX > firstX ? area / (prevX - firstX) : prevY;
    }

    /** Rounding room at a window's ends: 1200 / 6000 frames is the fraction 0.2. */
    private static final double WINDOW_SLACK = 1e-9;

    /** ceil(10% of n), at least 1 (0 for no rows). */
    public static int finalTenthCount(int n) {
        return n == 0 ? 0 : Math.max(1, (n + 9) / 10);
    }
}
