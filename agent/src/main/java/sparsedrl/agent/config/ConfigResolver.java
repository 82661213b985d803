package sparsedrl.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import sparsedrl.agent.env.Environments;

/**
 * Builds a run's {@link RunConfig}: the environment's preset, overridden by a JSON config file,
 * overridden by explicit flags. Bad values raise {@link IllegalArgumentException} with a message
 * meant for the user.
 *
 * <p>{@code frames}: when set, the total training steps frames/frameSkip are split over the
 * iterations (the preset's count unless given), and evaluation steps keep the preset's
 * eval/train ratio unless given. Giving frames, iterations and trainSteps together is an error.
 */
public final class ConfigResolver {
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigResolver() {
    }

    /** Reads a JSON config file into key/values (checked later, when resolving). */
    public static ObjectNode readFile(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (!(node instanceof ObjectNode obj)) {
                throw new IllegalArgumentException("config file " + file + " must hold a JSON object");
            }
            return obj;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config file " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /**
     * @param file  values from a config file (may be empty)
     * @param flags values given explicitly on the command line (may be empty)
     */
    public static RunConfig resolve(ObjectNode file, ObjectNode flags) {
        ObjectNode given = file.deepCopy();
        given.setAll(flags);
        String env = given.has("env") ? given.get("env").asText() : "minatar:breakout";
        env = Environments.parse(env).toString();
        given.put("env", env);
        RunConfig preset = Presets.forEnv(env);
        ObjectNode merged = JSON.valueToTree(preset);
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!merged.has(e.getKey())) {
                throw new IllegalArgumentException("unknown config key '" + e.getKey() + "'");
            }
            merged.set(e.getKey(), e.getValue());
        }
        applyFrames(merged, given, preset);
        if (merged.get("threads").asInt() == 0) {
            merged.put("threads", Runtime.getRuntime().availableProcessors());
        }
        RunConfig cfg;
        try {
            cfg = JSON.treeToValue(merged, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad config value: " + e.getOriginalMessage());
        }
        ConfigValidator.validate(cfg);
        return cfg;
    }

    private static void applyFrames(ObjectNode merged, ObjectNode given, RunConfig preset) {
        long frames = merged.get("frames").asLong();
        if (frames == 0) {
            return;
        }
        if (frames < 0) {
            throw new IllegalArgumentException("--frames must be positive, got " + frames);
        }
        String env = merged.get("env").asText();
        int skip = env.startsWith(Presets.ATARI_PREFIX) ? 4 : 1;
        long steps = frames / skip;
        boolean iterGiven = given.has("iterations");
        boolean trainGiven = given.has("trainSteps");
        if (iterGiven && trainGiven) {
            throw new IllegalArgumentException("give at most two of --frames, --iterations and --train-steps");
        }
        long iterations;
        long train;
        if (trainGiven) {
            train = merged.get("trainSteps").asLong();
            if (train <= 0) {
                throw new IllegalArgumentException("--train-steps must be positive, got " + train);
            }
            iterations = Math.max(1, (steps + train - 1) / train);
        } else {
            iterations = merged.get("iterations").asLong();
            if (iterations <= 0) {
                throw new IllegalArgumentException("--iterations must be positive, got " + iterations);
            }
            train = steps / iterations;
            if (train < 1) {
                throw new IllegalArgumentException("--frames " + frames + " is fewer than one agent step per iteration");
            }
        }
        merged.put("iterations", iterations);
        merged.put("trainSteps", train);
        if (!given.has("evalSteps")) {
            merged.put("evalSteps", Math.round((double) train * preset.evalSteps() / preset.trainSteps()));
        }
    }

    public static String toJson(RunConfig cfg) {
        try {
            return JSON.writeValueAsString(cfg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunConfig fromJson(String json) {
        try {
            return JSON.readValue(json, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad run config: " + e.getOriginalMessage());
        }
    }
}
