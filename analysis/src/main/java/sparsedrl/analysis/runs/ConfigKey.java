package sparsedrl.analysis.runs;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Everything that defines a configuration except the seed; runs with equal keys are its seeds. */
public record ConfigKey(String env, String method, Double sparseStart, double sparsity, boolean bias,
                        Map<String, String> extra) implements Comparable<ConfigKey> {

    private static final Comparator<ConfigKey> ORDER = Comparator.comparing(ConfigKey::env)
            .thenComparing(ConfigKey::methodLabel)
            .thenComparingDouble(ConfigKey::sparsity)
            .thenComparing(k -> !k.bias())
            .thenComparing(k -> k.extra().toString());

    public ConfigKey {
        extra = extra == null ? Map.of() : new TreeMap<>(extra);
    }

    /** "dense", "prune", "rigl@0.2", ... (the start fraction only when the sweep set one). */
    public String methodLabel() {
        return sparseStart == null || method.equals("dense") ? method : method + "@" + fmt(sparseStart);
    }

    /** A series within one game: method, start and bias, without sparsity. */
    public String seriesLabel() {
        return methodLabel() + (bias ? "" : " no-bias") + extraLabel();
    }

    /** Human-readable and unique within one game. */
    public String label() {
        String sp = method.equals("dense") ? "" : " s=" + fmt(sparsity);
        return methodLabel() + sp + (bias ? " bias" : " no-bias") + extraLabel();
    }

    /** A file-name-safe name including the game. */
    public String fileName() {
        return (env + "_" + label()).replaceAll("[^A-Za-z0-9.@=-]+", "_");
    }

    private String extraLabel() {
        return extra.isEmpty() ? "" : " " + extra.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    public boolean isMethod(String m, Double start) {
        return method.equals(m) && Objects.equals(start, sparseStart);
    }

    /** A number as short as it is exact to four decimals: 0.8, 0.95, 0.2. */
    public static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public int compareTo(ConfigKey o) {
        return ORDER.compare(this, o);
    }
}
