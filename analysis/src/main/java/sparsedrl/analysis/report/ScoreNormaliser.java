package sparsedrl.analysis.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import sparsedrl.analysis.runs.HumanScores;

/**
 * Puts final returns of different games on one scale so that they pool: the human-normalised score
 * where the game has reference scores (SPEC.md §8), otherwise the return rescaled to [0, 1] by the
 * lowest and highest final return of that game among the configurations given (a game whose runs
 * all score the same maps to 0).
 */
public final class ScoreNormaliser {

    private final Map<String, double[]> ranges = new HashMap<>();

    public ScoreNormaliser(List<ConfigStats> stats) {
        for (ConfigStats s : stats) {
            for (double v : s.scores()) {
                double[] mm = ranges.computeIfAbsent(s.key().env(), e -> new double[] {v, v});
                mm[0] = Math.min(mm[0], v);
                mm[1] = Math.max(mm[1], v);
            }
        }
    }

    /** The normalised score of a final return of {@code env}; NaN for a game without runs. */
    public double of(String env, double finalReturn) {
        OptionalDouble hns = HumanScores.normalise(env, finalReturn);
        if (hns.isPresent()) {
            return hns.getAsDouble();
        }
        double[] mm = ranges.get(env);
        if (mm == null) {
            return Double.NaN;
        }
        return mm[1] > mm[0] ? (finalReturn - mm[0]) / (mm[1] - mm[0]) : 0.0;
    }

    /** Every score of a configuration, normalised. */
    public double[] of(ConfigStats s) {
        double[] out = new double[s.scores().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(s.key().env(), s.scores()[i]);
        }
        return out;
    }

    /** What the scale of a game is, for reports. */
    public static String scaleOf(String env) {
        return HumanScores.has(env) ? "human-normalised" : "min–max rescaled within the sweep";
    }
}
