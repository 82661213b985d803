package sparsedrl.agent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.SweepManifest;

class GridExpanderTest {

    @Test
    void paperFigureOneHasFourHundredFiftyRuns() {
        // dense: 5 games x 2 bias x 5 seeds = 50; sparse: 5 x 2 methods x 4 sparsities x 2 x 5 = 400.
        SweepManifest m = GridExpander.expand(SweepPresets.byName("paper-fig1"), 1.0);
        assertEquals(450, m.runs().size());
        assertEquals(50, m.runs().stream().filter(r -> r.method().equals("dense")).count());
        assertEquals(40_000_000L, m.runs().get(0).frames());
        assertTrue(m.runs().stream().allMatch(r -> r.configOverrides().isEmpty()));
    }

    @Test
    void figureTwoAndThreeCounts() {
        // fig2: 2 games x 2 methods x 2 sparsities x 2 bias x 5 seeds
        assertEquals(80, GridExpander.expand(SweepPresets.byName("paper-fig2"), 1).runs().size());
        // fig3: 5 games x (1 dense + 3 sparse x 4 sparsities) x 5 seeds
        assertEquals(5 * 13 * 5, GridExpander.expand(SweepPresets.byName("paper-fig3"), 1).runs().size());
    }

    @Test
    void rigl20MeansSparseStartPointTwoAndNoBiasIsAFlag() {
        SweepSpec s = new SweepSpec("t", 1000L, Map.of("distribution", "uniform", "verbose", "true"),
                new SweepSpec.Axes(List.of("minatar:breakout"), List.of("rigl@0.2"), List.of(0.95), List.of(false),
                        List.of(7L), Map.of()));
        RunEntry r = GridExpander.expand(s, 1).runs().get(0);
        assertEquals(List.of("--env", "minatar:breakout", "--method", "rigl", "--sparsity", "0.95", "--sparse-start",
                "0.2", "--no-bias", "--seed", "7", "--frames", "1000", "--distribution", "uniform", "--verbose"),
                r.trainArgs());
        assertEquals(0.2, r.sparseStart());
        assertEquals("minatar-breakout_rigl-start0.2_s0.95_nobias_seed7", r.id());
    }

    @Test
    void scaleShrinksFramesAndStepSchedulesOfThePreset() {
        SweepSpec s = new SweepSpec("t", null, Map.of(), new SweepSpec.Axes(List.of("minatar:breakout", "atari:pong"),
                List.of("prune"), List.of(0.9), null, null, null));
        List<RunEntry> runs = GridExpander.expand(s, 0.01).runs();
        // SPEC §7: 5M frames for the small games; §4: 40M for Atari.
        assertEquals(50_000, runs.get(0).frames());
        assertEquals(400_000, runs.get(1).frames());
        // SPEC §7: learning starts after 5,000 frames, target every 1,000; §2: 20,000 and 8,000 for Atari.
        // 5,000 x 0.01 = 50, above the batch of 32.
        assertEquals(50L, runs.get(0).configOverrides().get("minReplay"));
        assertEquals(10L, runs.get(0).configOverrides().get("targetUpdatePeriod"));
        assertEquals(200L, runs.get(1).configOverrides().get("minReplay"));
        assertEquals(80L, runs.get(1).configOverrides().get("targetUpdatePeriod"));
        // SPEC §5: RigL every 5,000 updates, masks every 1,000.
        assertEquals(50L, runs.get(1).configOverrides().get("topologyUpdateEvery"));
        assertEquals(10L, runs.get(1).configOverrides().get("maskUpdateEvery"));
    }

    @Test
    void extraAxesMultiplyTheGridAndNameTheRuns() {
        SweepSpec s = new SweepSpec("t", 1000L, Map.of(), new SweepSpec.Axes(List.of("minatar:breakout"),
                List.of("dense", "set"), List.of(0.8, 0.9), List.of(true, false), List.of(0L, 1L),
                Map.of("loss", List.of("mse", "huber"))));
        SweepManifest m = GridExpander.expand(s, 1);
        // dense: 2 bias x 2 loss x 2 seeds = 8; set: 2 sparsities x 8 = 16.
        assertEquals(24, m.runs().size());
        assertEquals(24, new HashSet<>(m.runs().stream().map(RunEntry::id).toList()).size());
        assertTrue(m.runs().stream().anyMatch(r -> r.id().contains("_loss-huber_") && r.trainArgs().contains("huber")));
        assertEquals(m, GridExpander.expand(s, 1), "expansion is deterministic");
    }

    @Test
    void minatarMappingKeepsFiveDistinctGames() {
        List<String> m = SweepPresets.toMinatar(SweepPresets.PAPER_GAMES);
        assertEquals(5, m.size());
        assertTrue(m.contains("minatar:breakout") && m.contains("minatar:spaceinvaders"));
        assertFalse(m.stream().anyMatch(e -> e.startsWith("atari:")));
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        SweepSpec bad = new SweepSpec("t", 1000L, Map.of(), new SweepSpec.Axes(List.of("minatar:breakout"),
                List.of("rigl@2"), null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> GridExpander.expand(bad, 1));
        SweepSpec unknown = new SweepSpec("t", 1000L, Map.of(), new SweepSpec.Axes(List.of("minatar:breakout"),
                List.of("magic"), null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> GridExpander.expand(unknown, 1));
        SweepSpec dup = new SweepSpec("t", 1000L, Map.of(), new SweepSpec.Axes(List.of("minatar:breakout"),
                List.of("dense"), null, null, List.of(1L, 1L), null));
        assertThrows(IllegalArgumentException.class, () -> GridExpander.expand(dup, 1));
        SweepSpec tiny = SweepPresets.byName("smoke");
        assertThrows(IllegalArgumentException.class, () -> GridExpander.expand(tiny, 1e-6));
    }
}
