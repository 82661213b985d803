package sparsedrl.agent.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparsedrl.agent.config.ConfigResolver;

/**
 * A sweep as written in a spec file (JSON):
 *
 * <pre>{@code
 * { "name": "my-sweep",
 *   "frames": 200000,                       // optional; default: the environment's full protocol
 *   "base": { "distribution": "erk" },      // flags given to every run (value "true" = bare flag)
 *   "axes": { "env": ["minatar:breakout"],
 *             "method": ["dense", "prune", "rigl@0.2", "rigl@0"],   // method[@sparse-start]
 *             "sparsity": [0.8, 0.9], "bias": [true, false], "seed": [0, 1, 2],
 *             "extra": { "loss": ["mse", "huber"] } } }           // any further flag axes
 * }</pre>
 *
 * Expansion: the product of all axes, except that dense runs ignore the sparsity axis.
 */
public record SweepSpec(String name, Long frames, Map<String, String> base, Axes axes) {

    /** The grid's axes; a missing axis has one default value (bias on, seed 0, sparsity 0.9). */
    public record Axes(List<String> env, List<String> method, List<Double> sparsity, List<Boolean> bias,
                       List<Long> seed, Map<String, List<String>> extra) {

        public Axes {
            env = env == null ? List.of() : List.copyOf(env);
            method = method == null || method.isEmpty() ? List.of("dense") : List.copyOf(method);
            sparsity = sparsity == null || sparsity.isEmpty() ? List.of(0.9) : List.copyOf(sparsity);
            bias = bias == null || bias.isEmpty() ? List.of(true) : List.copyOf(bias);
            seed = seed == null || seed.isEmpty() ? List.of(0L) : List.copyOf(seed);
            extra = extra == null ? Map.of() : new LinkedHashMap<>(extra);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SweepSpec {
        base = base == null ? Map.of() : new LinkedHashMap<>(base);
        if (axes == null) {
            throw new IllegalArgumentException("sweep spec needs an 'axes' object");
        }
        if (axes.env().isEmpty()) {
            throw new IllegalArgumentException("sweep spec needs at least one env in axes.env");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("sweep spec needs a 'name'");
        }
        if (frames != null && frames <= 0) {
            throw new IllegalArgumentException("sweep spec 'frames' must be positive, got " + frames);
        }
    }

    public static SweepSpec read(Path file) {
        String text = ConfigResolver.readSmallFile(file, "sweep spec");
        try {
            return JSON.readValue(text, SweepSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sweep spec " + file + " is not valid: " + e.getOriginalMessage());
        }
    }

    public SweepSpec withSeeds(int count) {
        List<Long> seeds = java.util.stream.LongStream.range(0, count).boxed().toList();
        return new SweepSpec(name, frames, base,
                new Axes(axes.env(), axes.method(), axes.sparsity(), axes.bias(), seeds, axes.extra()));
    }

    public SweepSpec withEnvs(List<String> envs) {
        return new SweepSpec(name, frames, base,
                new Axes(envs, axes.method(), axes.sparsity(), axes.bias(), axes.seed(), axes.extra()));
    }

    public SweepSpec withBase(Map<String, String> more) {
        Map<String, String> b = new LinkedHashMap<>(base);
        b.putAll(more);
        return new SweepSpec(name, frames, b, axes);
    }

    public SweepSpec withFrames(Long f) {
        return new SweepSpec(name, f, base, axes);
    }
}
