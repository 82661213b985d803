package sparsedrl.agent.run;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sparsedrl.analysis.AtomicFiles;

/**
 * Per-iteration metrics, kept in memory and rewritten atomically to {@code metrics.csv} and
 * {@code metrics.jsonl} (one JSON object per row) after every iteration. Rewriting the whole file
 * keeps resume simple: the rows live in the checkpoint, so a resumed run never duplicates a row.
 * Missing values (NaN) are empty in CSV and null in JSON.
 */
public final class MetricsLog {
    public static final String CSV = "metrics.csv";
    public static final String JSONL = "metrics.jsonl";
    /** Leading columns, in order. */
    public static final List<String> BASE_COLUMNS = List.of("iteration", "frames", "train_return", "eval_return",
            "steps_per_s", "updates_per_s", "loss", "eval_episodes", "train_episodes", "train_steps", "updates",
            "epsilon", "wall_s");
    /** Columns that depend on wall-clock time: the only ones that differ between identical runs. */
    public static final Set<String> WALL_CLOCK_COLUMNS = Set.of("steps_per_s", "updates_per_s", "wall_s");

    private final List<String> columns;
    private final List<double[]> rows = new ArrayList<>();

    public MetricsLog(List<String> extraColumns) {
        List<String> c = new ArrayList<>(BASE_COLUMNS);
        c.addAll(extraColumns);
        this.columns = List.copyOf(c);
    }

    public List<String> columns() {
        return columns;
    }

    public List<double[]> rows() {
        return List.copyOf(rows);
    }

    public void add(double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
        }
        rows.add(row.clone());
    }

    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no metrics column " + column);
        }
        return i;
    }

    public void write(Path runDir) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        StringBuilder jsonl = new StringBuilder();
        for (double[] r : rows) {
            jsonl.append('{');
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    csv.append(',');
                    jsonl.append(',');
                }
                csv.append(Double.isNaN(r[i]) ? "" : format(r[i]));
                jsonl.append('"').append(columns.get(i)).append("\":")
                        .append(Double.isFinite(r[i]) ? format(r[i]) : "null");
            }
            csv.append('\n');
            jsonl.append("}\n");
        }
        AtomicFiles.writeString(runDir.resolve(CSV), csv.toString());
        AtomicFiles.writeString(runDir.resolve(JSONL), jsonl.toString());
    }

    /** Integers without a fraction, everything else in Java's shortest round-trip form. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeInt(columns.size());
        for (String c : columns) {
            out.writeUTF(c);
        }
        out.writeInt(rows.size());
        for (double[] r : rows) {
            for (double v : r) {
                out.writeDouble(v);
            }
        }
    }

    public void load(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> saved = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            saved.add(in.readUTF());
        }
        if (!saved.equals(columns)) {
            throw new IOException("checkpoint metrics columns " + saved + " differ from this run's " + columns);
        }
        int count = in.readInt();
        rows.clear();
        for (int k = 0; k < count; k++) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = in.readDouble();
            }
            rows.add(r);
        }
    }
}
