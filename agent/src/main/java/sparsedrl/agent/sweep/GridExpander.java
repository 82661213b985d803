package sparsedrl.agent.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparsedrl.agent.config.Presets;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.SweepManifest;

/**
 * Expands a {@link SweepSpec} into the runs of a {@link SweepManifest}.
 *
 * <p>Rules: dense ignores the sparsity axis (one dense run per env × bias × extras × seed); a
 * method written {@code rigl@0.2} is method rigl with {@code --sparse-start 0.2}. Frames are the
 * spec's, else the environment's full protocol, times {@code scale}. With {@code scale != 1} the
 * step-based schedules of the environment's preset (learning start, target period, ε warm-up and
 * decay, mask and topology update periods) are multiplied by {@code scale} too and handed to train
 * as config-file overrides, so a scaled run has the shape of a full one (learning never starts
 * before one batch is in replay). Iterations, the
 * train/eval split and sparse start/end fractions already follow {@code --frames} in train.
 */
public final class GridExpander {

    private GridExpander() {
    }

    public static SweepManifest expand(SweepSpec spec, double scale) {
        if (!(scale > 0) || scale > 1e6) {
            throw new IllegalArgumentException("--scale must be positive, got " + scale);
        }
        List<RunEntry> runs = new ArrayList<>();
        List<Map<String, String>> extras = extraCombinations(spec.axes().extra());
        for (String env : spec.axes().env()) {
            RunConfig preset = presetFor(env);
            long frames = scaledFrames(spec, preset, scale);
            Map<String, Long> overrides = scale == 1.0 ? Map.of() : scaledSchedules(preset, scale);
            for (String methodSpec : spec.axes().method()) {
                MethodChoice mc = MethodChoice.parse(methodSpec);
                List<Double> sparsities = mc.method().equals("dense") ? List.of(0.0) : spec.axes().sparsity();
                for (double sparsity : sparsities) {
                    for (boolean bias : spec.axes().bias()) {
                        for (Map<String, String> extra : extras) {
                            for (long seed : spec.axes().seed()) {
                                String id = runId(env, mc, sparsity, bias, extra, seed);
                                List<String> args = trainArgs(spec, env, mc, sparsity, bias, extra, seed, frames);
                                runs.add(new RunEntry(runs.size(), id, env, mc.method(), sparsity, bias, mc.sparseStart(),
                                        seed, frames, extra, args, overrides));
                            }
                        }
                    }
                }
            }
        }
        checkUniqueIds(runs);
        return new SweepManifest(spec.name(), scale, runs);
    }

    private static RunConfig presetFor(String env) {
        try {
            return Presets.forEnv(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sweep env '" + env + "': " + e.getMessage());
        }
    }

    static long scaledFrames(SweepSpec spec, RunConfig preset, double scale) {
        long full = spec.frames() != null ? spec.frames()
                : (long) preset.iterations() * preset.trainSteps() * preset.frameSkip();
        long f = Math.round(full * scale);
        long minimum = (long) preset.iterations() * preset.frameSkip();
        if (f < minimum) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--scale %s leaves %d frames for %s, fewer than one agent step per iteration (%d iterations)",
                    scale, f, preset.env(), preset.iterations()));
        }
        return f;
    }

    /** The preset's step-based schedules times {@code scale} (at least 1). */
    static Map<String, Long> scaledSchedules(RunConfig p, double scale) {
        Map<String, Long> m = new LinkedHashMap<>();
        // train needs at least one batch in replay before learning starts.
        m.put("minReplay", Math.max(p.batchSize(), scaled(p.minReplay(), scale)));
        m.put("targetUpdatePeriod", scaled(p.targetUpdatePeriod(), scale));
        m.put("epsilonWarmup", scaled(p.epsilonWarmup(), scale));
        m.put("epsilonDecay", scaled(p.epsilonDecay(), scale));
        m.put("maskUpdateEvery", scaled(p.maskUpdateEvery(), scale));
        m.put("topologyUpdateEvery", scaled(p.topologyUpdateEvery(), scale));
        return m;
    }

    private static long scaled(long v, double scale) {
        return Math.max(1, Math.round(v * scale));
    }

    private static List<String> trainArgs(SweepSpec spec, String env, MethodChoice mc, double sparsity, boolean bias,
                                          Map<String, String> extra, long seed, long frames) {
        List<String> a = new ArrayList<>(List.of("--env", env, "--method", mc.method()));
        if (!mc.method().equals("dense")) {
            a.addAll(List.of("--sparsity", num(sparsity)));
            if (mc.sparseStart() != null) {
                a.addAll(List.of("--sparse-start", num(mc.sparseStart())));
            }
        }
        if (!bias) {
            a.add("--no-bias");
        }
        a.addAll(List.of("--seed", Long.toString(seed), "--frames", Long.toString(frames)));
        // Sorted by name so that the same grid always gives the same command lines (and sweep.json).
        Map<String, String> flags = new java.util.TreeMap<>(spec.base());
        flags.putAll(extra);
        flags.forEach((k, v) -> addFlag(a, k, v));
        return a;
    }

    /** {@code key: "true"} is a bare flag, {@code "false"} leaves it out, anything else is its value. */
    private static void addFlag(List<String> args, String key, String value) {
        String flag = key.startsWith("-") ? key : "--" + key;
        if ("true".equalsIgnoreCase(value)) {
            args.add(flag);
        } else if (!"false".equalsIgnoreCase(value)) {
            args.add(flag);
            args.add(value);
        }
    }

    static String runId(String env, MethodChoice mc, double sparsity, boolean bias, Map<String, String> extra,
                        long seed) {
        StringBuilder sb = new StringBuilder(env.replace(':', '-')).append('_').append(mc.method());
        if (mc.sparseStart() != null && !mc.method().equals("dense")) {
            sb.append("-start").append(num(mc.sparseStart()));
        }
        if (!mc.method().equals("dense")) {
            sb.append("_s").append(num(sparsity));
        }
        sb.append(bias ? "_bias" : "_nobias");
        extra.forEach((k, v) -> sb.append('_').append(k.replaceAll("^-+", "")).append('-').append(v));
        sb.append("_seed").append(seed);
        return sb.toString().replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    private static List<Map<String, String>> extraCombinations(Map<String, List<String>> axes) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (var axis : axes.entrySet()) {
            if (axis.getValue() == null || axis.getValue().isEmpty()) {
                throw new IllegalArgumentException("extra axis '" + axis.getKey() + "' has no values");
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : axis.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        return combos;
    }

    private static void checkUniqueIds(List<RunEntry> runs) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RunEntry r : runs) {
            if (!seen.add(r.id())) {
                throw new IllegalArgumentException("the grid has two runs named " + r.id()
                        + " (a value repeated on an axis?)");
            }
        }
    }

    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code method} or {@code method@start}. */
    record MethodChoice(String method, Double sparseStart) {

        static final List<String> METHODS = List.of("dense", "prune", "rigl", "set", "static");

        static MethodChoice parse(String s) {
            String[] parts = s.trim().split("@", -1);
            String m = parts[0].toLowerCase(Locale.ROOT);
            if (!METHODS.contains(m) || parts.length > 2) {
                throw new IllegalArgumentException("unknown method '" + s + "' (use " + String.join(", ", METHODS)
                        + ", optionally with @START, e.g. rigl@0.2)");
            }
            if (parts.length == 1) {
                return new MethodChoice(m, null);
            }
            try {
                double start = Double.parseDouble(parts[1]);
                if (start < 0 || start >= 1) {
                    throw new NumberFormatException();
                }
                return new MethodChoice(m, start);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad sparse start in '" + s + "': a fraction in [0, 1) is expected");
            }
        }
    }
}
