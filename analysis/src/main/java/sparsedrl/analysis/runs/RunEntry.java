package sparsedrl.analysis.runs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a sweep as recorded in {@code sweep.json}: the parameters that identify its
 * configuration, its seed, and the exact {@code sparsedrl train} flags it runs with.
 *
 * @param index       position in the sweep (the Slurm array index)
 * @param id          run-directory name under {@code SWEEP_DIR/runs/}, derived from the parameters
 * @param env         environment id, e.g. {@code atari:pong} or {@code minatar:breakout}
 * @param method      dense, prune, rigl, set or static
 * @param sparsity    target sparsity (0 for dense)
 * @param bias        whether the network has bias parameters
 * @param sparseStart fraction of training at which sparse training starts; null = train's default
 * @param seed        the run's seed
 * @param frames      frames of the run (after any scaling)
 * @param extra       further flags of this grid point (flag name without dashes → value), sorted
 * @param trainArgs   the full argument list after {@code sparsedrl train}, without {@code --out}
 * @param configOverrides run-config keys (train's {@code --config} file) set for this run, e.g. the
 *                    step schedules shrunk by {@code sweep --scale}; empty when none
 */
public record RunEntry(int index, String id, String env, String method, double sparsity, boolean bias,
                       Double sparseStart, long seed, long frames, Map<String, String> extra,
                       List<String> trainArgs, Map<String, Long> configOverrides) {

    public RunEntry {
        extra = extra == null ? Map.of() : new TreeMap<>(extra);
        trainArgs = trainArgs == null ? List.of() : List.copyOf(trainArgs);
        configOverrides = configOverrides == null ? Map.of() : new TreeMap<>(configOverrides);
    }

    /** The configuration this run is one seed of. */
    public ConfigKey config() {
        return new ConfigKey(env, method, sparseStart, sparsity, bias, extra);
    }
}
