package sparsedrl.analysis.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The numeric columns of a run's {@code metrics.csv} (or {@code metrics.jsonl}, its twin), one row
 * per iteration. Empty or non-numeric cells read as NaN; a partly written line is dropped and
 * counted ({@link #cutShort()}), so that a reader can tell a damaged file from a complete one.
 */
public final class MetricsTable {

    public static final String FRAMES = "frames";
    public static final String ITERATION = "iteration";
    public static final String TRAIN_RETURN = "train_return";
    public static final String EVAL_RETURN = "eval_return";
    /** The headline dormant-neuron column (τ = 0.025, all hidden layers). */
    public static final String DORMANT_HEADLINE = "dormant_0.025";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, double[]> columns;
    private final int rows;
    private final boolean cutShort;

    private MetricsTable(Map<String, double[]> columns, int rows, boolean cutShort) {
        this.columns = columns;
        this.rows = rows;
        this.cutShort = cutShort;
    }

    public static MetricsTable read(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException(csv + " has no header");
        }
        String[] header = lines.get(0).trim().split(",", -1);
        List<double[]> rowValues = new ArrayList<>();
        // every row the tool writes ends with a newline: a last line without one was cut
        boolean cut = !text.endsWith("\n");
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                cut = true; // a partly written line
                continue;
            }
            double[] row = new double[header.length];
            for (int c = 0; c < cells.length; c++) {
                row[c] = parse(cells[c]);
            }
            rowValues.add(row);
        }
        return of(List.of(header), rowValues, cut);
    }

    /**
     * Reads {@code metrics.jsonl}: one JSON object per line, keys in column order, null for a
     * missing value. A line that is not a whole object is dropped and counted as {@link #cutShort()}.
     */
    public static MetricsTable readJsonl(Path jsonl) throws IOException {
        String text = Files.readString(jsonl, StandardCharsets.UTF_8);
        List<String> header = null;
        List<double[]> rowValues = new ArrayList<>();
        boolean cut = !text.isEmpty() && !text.endsWith("\n");
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                cut = true;
                continue;
            }
            if (!(row instanceof ObjectNode obj)) {
                cut = true;
                continue;
            }
            List<String> keys = new ArrayList<>();
            obj.fieldNames().forEachRemaining(keys::add);
            if (header == null) {
                header = keys;
            } else if (!header.equals(keys)) {
                cut = true;
                continue;
            }
            double[] values = new double[keys.size()];
            for (int c = 0; c < values.length; c++) {
                JsonNode v = obj.get(keys.get(c));
                values[c] = v.isNumber() ? v.asDouble() : Double.NaN;
            }
            rowValues.add(values);
        }
        if (header == null) {
            throw new IOException(jsonl + " has no rows");
        }
        return of(header, rowValues, cut);
    }

    private static MetricsTable of(List<String> header, List<double[]> rowValues, boolean cutShort) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            double[] col = new double[rowValues.size()];
            for (int r = 0; r < col.length; r++) {
                col[r] = rowValues.get(r)[c];
            }
            cols.put(header.get(c).trim(), col);
        }
        return new MetricsTable(cols, rowValues.size(), cutShort);
    }

    /** Whether the file had a partly written line (dropped) or ended in the middle of one. */
    public boolean cutShort() {
        return cutShort;
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
        return meanOfLast(name, finalTenthCount(rows));
    }

    /** The mean of a column over its last {@code k} rows, ignoring NaN cells; NaN when there is nothing to average. */
    public double meanOfLast(String name, int k) {
        double[] c = column(name);
        double s = 0;
        int n = 0;
        for (int i = Math.max(0, c.length - k); i < c.length; i++) {
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
