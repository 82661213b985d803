package sparsedrl.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import sparsedrl.agent.env.Environments;
import sparsedrl.analysis.AtomicFiles;

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
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // 32.7 for a count is a mistake to report, not a 32 to guess
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    /** Config and sweep spec files are small JSON objects; anything bigger is a wrong path (e.g. /dev/zero). */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private ConfigResolver() {
    }

    /** Reads a JSON config file into key/values (checked later, when resolving). */
    public static ObjectNode readFile(Path file) {
        try {
            JsonNode node = JSON.readTree(readSmallFile(file, "config file"));
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
     * A small text file (a config or a sweep spec), read only up to {@link #MAX_FILE_BYTES} so that
     * a wrong path such as /dev/zero is refused instead of filling the memory.
     *
     * @param what what the file is, for messages ("config file")
     */
    public static String readSmallFile(Path file, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(what + " " + file + " is larger than " + (MAX_FILE_BYTES >> 20)
                        + " MiB; a " + what + " is a small JSON object");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + AtomicFiles.describe(e));
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
        typed(merged); // every given value has its field's type before --frames derives counts from them
        applyFrames(merged, given, preset);
        if (merged.get("threads").asInt() == 0) {
            merged.put("threads", Runtime.getRuntime().availableProcessors());
        }
        RunConfig cfg = typed(merged);
        ConfigValidator.validate(cfg);
        return cfg;
    }

    private static RunConfig typed(ObjectNode merged) {
        try {
            return JSON.treeToValue(merged, RunConfig.class);
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException("bad config value" + field(e) + ": " + e.getOriginalMessage()
                    .replaceFirst(" \\(but could if coercion was enabled.*", ""));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad config value: " + e.getOriginalMessage());
        }
    }

    private static String field(MismatchedInputException e) {
        return e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null ? ""
                : " for '" + e.getPath().get(0).getFieldName() + "'";
    }

    private static void applyFrames(ObjectNode merged, ObjectNode given, RunConfig preset) {
        long frames = merged.get("frames").asLong();
        // 0 in a resolved config means "not set"; given explicitly it is a run of no frames
        if (frames < 0 || (frames == 0 && given.has("frames"))) {
            throw new IllegalArgumentException("--frames must be positive, got " + given.get("frames"));
        }
        if (frames == 0) {
            return;
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
