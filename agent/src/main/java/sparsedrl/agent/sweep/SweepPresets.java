package sparsedrl.agent.sweep;

import java.util.List;
import java.util.Map;

/**
 * The paper's sweeps (SPEC.md §1). Frames are left to the environment's full protocol (40M for
 * Atari, 5M for the small games); {@code --scale} shrinks them. RigL in Figures 1 and 2 starts at
 * 20% of training (the paper's fix); Figure 3 compares starting at 0 and at 20% with pruning.
 */
public final class SweepPresets {

    public static final List<String> PAPER_GAMES =
            List.of("atari:pong", "atari:breakout", "atari:qbert", "atari:mspacman", "atari:spaceinvaders");
    /**
     * What {@code --games minatar} puts in place of each Atari game: the same game where the small
     * set has it (Breakout, SpaceInvaders), otherwise a small game not yet used, so five games stay
     * five distinct games.
     */
    public static final Map<String, String> MINATAR_FOR_ATARI = Map.of(
            "atari:pong", "minatar:freeway",
            "atari:breakout", "minatar:breakout",
            "atari:qbert", "minatar:asterix",
            "atari:mspacman", "minatar:seaquest",
            "atari:spaceinvaders", "minatar:spaceinvaders");

    private static final List<Double> SPARSITIES = List.of(0.8, 0.9, 0.95, 0.98);
    private static final List<Long> FIVE_SEEDS = List.of(0L, 1L, 2L, 3L, 4L);
    private static final List<Boolean> BOTH_BIAS = List.of(true, false);

    private SweepPresets() {
    }

    public static List<String> names() {
        return List.of("paper-fig1", "paper-fig2", "paper-fig3", "paper-all", "smoke");
    }

    /** The preset of that name, or null when there is none. */
    public static SweepSpec byName(String name) {
        return switch (name) {
            case "paper-fig1" -> spec(name, PAPER_GAMES, List.of("dense", "prune", "rigl@0.2"), SPARSITIES, BOTH_BIAS);
            case "paper-fig2" -> spec(name, List.of("atari:pong", "atari:breakout"), List.of("prune", "rigl@0.2"),
                    List.of(0.8, 0.98), BOTH_BIAS);
            case "paper-fig3" -> spec(name, PAPER_GAMES, List.of("dense", "rigl@0", "rigl@0.2", "prune"), SPARSITIES,
                    List.of(true));
            // Figures 1 and 3 in one grid (Figure 2's runs are a subset of Figure 1's).
            case "paper-all" -> spec(name, PAPER_GAMES, List.of("dense", "prune", "rigl@0.2", "rigl@0"), SPARSITIES,
                    BOTH_BIAS);
            // A few minutes on a laptop: checks the whole pipeline, not the paper.
            case "smoke" -> new SweepSpec(name, 20_000L, Map.of(), new SweepSpec.Axes(List.of("minatar:breakout"),
                    List.of("dense", "prune", "rigl@0.2"), List.of(0.9), List.of(true), List.of(0L, 1L), Map.of()));
            default -> null;
        };
    }

    private static SweepSpec spec(String name, List<String> games, List<String> methods, List<Double> sparsities,
                                  List<Boolean> bias) {
        return new SweepSpec(name, null, Map.of(),
                new SweepSpec.Axes(games, methods, sparsities, bias, FIVE_SEEDS, Map.of()));
    }

    /** Replaces Atari games by small games ({@code --games minatar}); others stay. */
    public static List<String> toMinatar(List<String> envs) {
        return envs.stream().map(e -> MINATAR_FOR_ATARI.getOrDefault(e, e)).distinct().toList();
    }
}
