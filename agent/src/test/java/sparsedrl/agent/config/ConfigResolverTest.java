package sparsedrl.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets against SPEC.md, precedence preset < file < flags, the --frames rule and rejected values. */
class ConfigResolverTest {

    private static ObjectNode node() {
        return ConfigResolver.JSON.createObjectNode();
    }

    private static RunConfig flags(ObjectNode flags) {
        return ConfigResolver.resolve(node(), flags);
    }

    @Test
    void atariPresetIsDopamine() {
        RunConfig c = flags(node().put("env", "atari:pong"));
        // SPEC.md section 2 and 4
        assertEquals(40, c.iterations());
        assertEquals(250_000, c.trainSteps());
        assertEquals(125_000, c.evalSteps());
        assertEquals(0.99, c.gamma());
        assertEquals(1_000_000, c.replayCapacity());
        assertEquals(32, c.batchSize());
        assertEquals(20_000, c.minReplay());
        assertEquals(4, c.updatePeriod());
        assertEquals(8_000, c.targetUpdatePeriod());
        assertEquals(1.0, c.epsilonStart());
        assertEquals(0.01, c.epsilonEnd());
        assertEquals(20_000, c.epsilonWarmup());
        assertEquals(250_000, c.epsilonDecay()); // 0.01 reached at step 270k
        assertEquals(0.001, c.epsilonEval());
        assertEquals(6.25e-5, c.learningRate());
        assertEquals(0.9, c.adamBeta1());
        assertEquals(0.999, c.adamBeta2());
        assertEquals(1.5e-4, c.adamEpsilon());
        assertEquals("mse", c.loss());
        assertTrue(c.rewardClip());
        assertEquals("same", c.padding());
        assertEquals(4, c.frameSkip());
        assertEquals(40_000_000L, c.totalTrainSteps() * c.frameSkip());
        // 40M frames: 2.5M updates, so the 20%/80% window is 500k..2M updates (SPEC.md section 5)
        assertEquals(2_500_000, c.totalUpdates());
        assertEquals(20_000, c.resolvedDormantEvery());
        assertEquals("erk", c.distribution());
        assertEquals(0.2, c.sparseStart());
        assertEquals(0.8, c.sparseEnd());
    }

    @Test
    void minatarPresetFollowsTheReference() {
        RunConfig c = flags(node());
        assertEquals("minatar:breakout", c.env());
        // SPEC.md section 7
        assertEquals("huber", c.loss());
        assertEquals(32, c.batchSize());
        assertEquals(100_000, c.replayCapacity());
        assertEquals(1, c.updatePeriod());
        assertEquals(1_000, c.targetUpdatePeriod());
        assertEquals(5_000, c.minReplay());
        assertEquals(5_000, c.epsilonWarmup());
        assertEquals(100_000, c.epsilonDecay());
        assertEquals(0.1, c.epsilonEnd());
        assertEquals(1, c.frameSkip());
        assertEquals(5_000_000, c.totalTrainSteps());
    }

    @Test
    void flagsBeatTheFileWhichBeatsThePreset(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("c.json");
        Files.writeString(file, "{\"env\": \"minatar:asterix\", \"seed\": 5, \"gamma\": 0.9, \"noBiasLayers\": [\"q\"]}");
        RunConfig c = ConfigResolver.resolve(ConfigResolver.readFile(file), node().put("seed", 9));
        assertEquals("minatar:asterix", c.env());
        assertEquals(9, c.seed());
        assertEquals(0.9, c.gamma());
        assertEquals(List.of("q"), c.noBiasLayers());
        assertEquals(1_000, c.targetUpdatePeriod());
    }

    @Test
    void framesKeepThePresetShape() {
        RunConfig m = flags(node().put("frames", 200_000));
        assertEquals(50, m.iterations());
        assertEquals(4_000, m.trainSteps());
        assertEquals(1_000, m.evalSteps());
        RunConfig a = flags(node().put("env", "atari:pong").put("frames", 4_000_000));
        assertEquals(40, a.iterations());
        assertEquals(25_000, a.trainSteps());
        assertEquals(12_500, a.evalSteps());
        RunConfig i = flags(node().put("frames", 200_000).put("iterations", 10).put("evalSteps", 7));
        assertEquals(20_000, i.trainSteps());
        assertEquals(7, i.evalSteps());
        RunConfig t = flags(node().put("frames", 200_000).put("trainSteps", 30_000));
        assertEquals(7, t.iterations());
        assertThrows(IllegalArgumentException.class,
                () -> flags(node().put("frames", 1000).put("trainSteps", 10).put("iterations", 3)));
    }

    @Test
    void badValuesAreRejectedWithTheFlagName() {
        assertMessage("--sparsity", node().put("method", "rigl").put("sparsity", 1.0));
        assertMessage("--sparsity", node().put("method", "prune"));
        assertMessage("--sparsity", node().put("sparsity", -0.1));
        assertMessage("--train-steps", node().put("trainSteps", -5));
        assertMessage("--eval-steps", node().put("evalSteps", -1));
        assertMessage("minatar:pacman", node().put("env", "minatar:pacman"));
        assertMessage("family", node().put("env", "gym:pong"));
        assertMessage("--method", node().put("method", "lottery"));
        assertMessage("--loss", node().put("loss", "l1"));
        assertMessage("--no-bias-layers", node().set("noBiasLayers", ConfigResolver.JSON.valueToTree(List.of("conv9"))));
        assertMessage("unknown config key 'colour'", node().put("colour", 1));
    }

    private static void assertMessage(String fragment, ObjectNode flags) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flags(flags));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void jsonRoundTrips() {
        RunConfig c = flags(node().put("env", "atari:breakout").put("method", "rigl").put("sparsity", 0.95));
        assertEquals(c, ConfigResolver.fromJson(ConfigResolver.toJson(c)));
        assertTrue(ConfigResolver.toJson(c).startsWith("{\n  \"env\" : \"atari:breakout\""));
    }
}
