package sparsedrl.agent.config;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import sparsedrl.sparsity.Distribution;
import sparsedrl.sparsity.MethodKind;
import sparsedrl.tasks.net.NetworkSpec;

/** Checks a resolved config; every failure is an IllegalArgumentException naming the flag. */
public final class ConfigValidator {
    private ConfigValidator() {
    }

    public static void validate(RunConfig c) {
        Presets.forEnv(c.env());
        requireFinite(c);
        positive("--iterations", c.iterations());
        positive("--train-steps", c.trainSteps());
        nonNegative("--eval-steps", c.evalSteps());
        nonNegative("--frames", c.frames());
        nonNegative("--threads", c.threads());
        require(c.gamma() >= 0 && c.gamma() <= 1, "--gamma must be in [0, 1], got " + c.gamma());
        positive("--batch-size", c.batchSize());
        require(c.replayCapacity() >= 16, "--replay-capacity must be at least 16, got " + c.replayCapacity());
        nonNegative("--min-replay", c.minReplay());
        require(c.minReplay() >= c.batchSize(), "--min-replay (" + c.minReplay()
                + ") must be at least --batch-size (" + c.batchSize() + ")");
        require(c.minReplay() < c.replayCapacity(), "--min-replay must be below --replay-capacity");
        positive("--update-period", c.updatePeriod());
        positive("--target-update-period", c.targetUpdatePeriod());
        probability("--epsilon-start", c.epsilonStart());
        probability("--epsilon-end", c.epsilonEnd());
        probability("--epsilon-eval", c.epsilonEval());
        require(c.epsilonEnd() <= c.epsilonStart(), "--epsilon-end must not exceed --epsilon-start");
        nonNegative("--epsilon-warmup", c.epsilonWarmup());
        positive("--epsilon-decay", c.epsilonDecay());
        require(c.learningRate() > 0, "--lr must be positive, got " + c.learningRate());
        require(c.adamBeta1() >= 0 && c.adamBeta1() < 1, "--adam-beta1 must be in [0, 1)");
        require(c.adamBeta2() >= 0 && c.adamBeta2() < 1, "--adam-beta2 must be in [0, 1)");
        require(c.adamEpsilon() > 0, "--adam-epsilon must be positive");
        oneOf("--loss", c.loss(), List.of("mse", "huber"));
        oneOf("--backend", c.backend(), List.of("jvm", "tornado"));
        oneOf("--padding", c.padding(), List.of("same", "valid"));
        require(c.device() == null || c.device().matches("\\d+:\\d+"),
                "--device must be DRIVER:INDEX, e.g. 0:0, got '" + c.device() + "'");
        require(c.device() == null || "tornado".equals(c.backend()), "--device applies to --backend tornado only");
        require(c.stickyActions() == -1 || (c.stickyActions() >= 0 && c.stickyActions() < 1),
                "--sticky-actions must be in [0, 1) (or -1 for the environment default)");
        MethodKind method;
        try {
            method = MethodKind.parse(c.method());
            Distribution.parse(c.distribution());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--method/--distribution: " + e.getMessage());
        }
        require(c.sparsity() >= 0 && c.sparsity() < 1, "--sparsity must be in [0, 1), got " + c.sparsity());
        require(method == MethodKind.DENSE || c.sparsity() > 0,
                "--method " + c.method() + " needs a target --sparsity in (0, 1)");
        require(method != MethodKind.DENSE || c.sparsity() == 0, "--sparsity " + c.sparsity()
                + " applies to sparse methods, but --method dense trains every weight; add --method prune, rigl, set "
                + "or static, or drop --sparsity");
        require(c.sparseStart() >= 0 && c.sparseStart() <= c.sparseEnd() && c.sparseEnd() <= 1,
                "need 0 <= --sparse-start <= --sparse-end <= 1");
        positive("--mask-update-every", c.maskUpdateEvery());
        positive("--topology-update-every", c.topologyUpdateEvery());
        require(c.dropFraction() >= 0 && c.dropFraction() <= 1, "--drop-fraction must be in [0, 1]");
        List<String> layers = c.env().startsWith(Presets.ATARI_PREFIX) ? NetworkSpec.NATURE_LAYERS
                : NetworkSpec.MINATAR_LAYERS;
        for (String l : c.noBiasLayers()) {
            require(layers.contains(l), "--no-bias-layers: no layer '" + l + "'; layers are " + String.join(",", layers));
        }
        nonNegative("--dormant-every", c.dormantEvery());
        positive("--dormant-samples", c.dormantSamples());
        require(c.checkpointMinutes() >= 0, "--checkpoint-minutes must be >= 0");
        nonNegative("checkpointEverySteps", c.checkpointEverySteps());
    }

    /** NaN and infinities pass range checks written as "v > 0" and poison training: refused for every number. */
    private static void requireFinite(RunConfig c) {
        for (RecordComponent rc : RunConfig.class.getRecordComponents()) {
            if (rc.getType() != double.class) {
                continue;
            }
            double v;
            try {
                v = (double) rc.getAccessor().invoke(c);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            require(Double.isFinite(v), flagName(rc.getName()) + " must be a finite number, got " + v);
        }
    }

    /** The command-line flag of a config field: kebab-case of its name (learningRate: --learning-rate). */
    static String flagName(String field) {
        return "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static void oneOf(String flag, String value, List<String> choices) {
        require(value != null && choices.contains(value.toLowerCase(Locale.ROOT)),
                flag + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
    }

    private static void probability(String flag, double v) {
        require(v >= 0 && v <= 1, flag + " must be in [0, 1], got " + v);
    }

    private static void positive(String flag, long v) {
        require(v > 0, flag + " must be positive, got " + v);
    }

    private static void nonNegative(String flag, long v) {
        require(v >= 0, flag + " must not be negative, got " + v);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
