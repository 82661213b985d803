package sparsedrl.analysis.runs;

import java.util.Map;
import java.util.OptionalDouble;

/** Human and random reference scores of the Atari games (SPEC.md §8) and the normalisation. */
public final class HumanScores {

    private record Ref(double human, double random) {
    }

    private static final Map<String, Ref> REFS = Map.of(
            "pong", new Ref(14.6, -20.7),
            "breakout", new Ref(30.5, 1.7),
            "qbert", new Ref(13_455, 163.9),
            "mspacman", new Ref(6_951.6, 307.3),
            "spaceinvaders", new Ref(1_668.7, 148.0));

    private HumanScores() {
    }

    /** (score − random) / (human − random) for Atari games with reference scores; empty otherwise. */
    public static OptionalDouble normalise(String env, double score) {
        Ref r = ref(env);
        return r == null ? OptionalDouble.empty() : OptionalDouble.of((score - r.random) / (r.human - r.random));
    }

    public static boolean has(String env) {
        return ref(env) != null;
    }

    private static Ref ref(String env) {
        if (!env.startsWith("atari:")) {
            return null;
        }
        String game = env.substring("atari:".length()).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        return REFS.get(game);
    }
}
