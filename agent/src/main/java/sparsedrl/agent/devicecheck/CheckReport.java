package sparsedrl.agent.devicecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import sparsedrl.analysis.AtomicFiles;

/**
 * {@code device-check.json}: what the check found, rewritten atomically whenever a step starts or ends,
 * so that a process killed half-way (a time limit, a crashing driver) still leaves every finished step's
 * figures and names the step it was in ({@code "status": "running"}).
 *
 * <p>Layout: {@code status} (running, passed, failed), {@code error} (the first failure), {@code summary}
 * ({@link CheckSummary}, once finished), {@code mode},
 * {@code sizes}, {@code versions}, {@code host} (what the bundle's run.sh found on the machine), and
 * {@code steps}: one object per step with {@code name}, {@code status} (running, passed, failed,
 * skipped), {@code seconds}, {@code result} and, when failed, {@code error}.
 */
public final class CheckReport {

    public static final String FILE = "device-check.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final ObjectNode root;

    private CheckReport(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** A new report in {@code dir}; nothing is written until the first change. */
    public static CheckReport create(Path dir, String mode) {
        ObjectNode root = JSON.createObjectNode();
        root.put("check", "sparsedrl device-check");
        root.put("status", "running");
        root.putNull("error");
        root.putNull("summary");
        root.put("mode", mode);
        root.put("started", Instant.now().toString());
        root.putNull("finished");
        // sections filled in later, placed before the steps for a reader
        root.putNull("sizes");
        root.putNull("versions");
        root.putNull("host");
        root.putArray("steps");
        return new CheckReport(dir.resolve(FILE), root);
    }

    /** The report already in {@code dir}, or a new one (mode "unknown") when there is none. */
    public static CheckReport openOrCreate(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return create(dir, "unknown");
        }
        try {
            JsonNode node = JSON.readTree(f.toFile());
            if (!(node instanceof ObjectNode obj) || !(obj.get("steps") instanceof ArrayNode)) {
                throw new IllegalArgumentException(f + " is not a device-check report");
            }
            return new CheckReport(f, obj);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + " cannot be read as JSON: " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public ObjectNode root() {
        return root;
    }

    /** Sets a top-level section (sizes, versions, host): a JSON node, or a record or map Jackson converts. */
    public void put(String key, Object value) {
        root.set(key, JSON.valueToTree(value));
        write();
    }

    /**
     * Appends a step in state "running" whose result is {@code result}: the step adds to it as it goes
     * and calls {@link #save()} so that a killed check keeps what the step had found.
     */
    public ObjectNode begin(String name, ObjectNode result) {
        ObjectNode step = steps().addObject();
        step.put("name", name);
        step.put("status", "running");
        step.putNull("seconds");
        step.set("result", result);
        write();
        return step;
    }

    /** Writes the report as it stands (a running step's partial result included). */
    public void save() {
        write();
    }

    public void pass(ObjectNode step, double seconds, JsonNode result) {
        end(step, "passed", seconds, result, null);
    }

    public void fail(ObjectNode step, double seconds, JsonNode result, String error) {
        end(step, "failed", seconds, result, error);
    }

    /** Records a step that did not run because an earlier one failed. */
    public void skip(String name) {
        ObjectNode step = steps().addObject();
        step.put("name", name);
        step.put("status", "skipped");
        write();
    }

    /** Ends the check: "passed" when every step passed, else "failed" with the first step error. */
    public void finish() {
        String firstError = null;
        boolean allPassed = true;
        for (JsonNode s : steps()) {
            allPassed &= "passed".equals(s.path("status").asText());
            if (firstError == null && s.hasNonNull("error")) {
                firstError = s.get("name").asText() + ": " + s.get("error").asText();
            }
        }
        finishAs(allPassed ? "passed" : "failed", firstError);
    }

    /**
     * Marks the check failed from outside (the process running it died or ran out of time): the step
     * that was running fails with {@code message}; with no running step, a step {@code setup} records it.
     */
    public void markFailed(String message) {
        ObjectNode running = null;
        for (JsonNode s : steps()) {
            if ("running".equals(s.path("status").asText())) {
                running = (ObjectNode) s;
            }
        }
        if (running == null) {
            running = steps().addObject();
            running.put("name", "setup");
        }
        running.put("status", "failed");
        running.put("error", message);
        String error = root.hasNonNull("error") ? root.get("error").asText()
                : running.get("name").asText() + ": " + message;
        finishAs("failed", error);
    }

    private void finishAs(String status, String error) {
        root.put("status", status);
        root.set("summary", CheckSummary.of(steps()));
        if (error == null) {
            root.putNull("error");
        } else {
            root.put("error", error);
        }
        root.put("finished", Instant.now().toString());
        write();
    }

    private void end(ObjectNode step, String status, double seconds, JsonNode result, String error) {
        step.put("status", status);
        step.put("seconds", Math.round(seconds * 100) / 100.0);
        step.set("result", result);
        if (error != null) {
            step.put("error", error);
        }
        write();
    }

    private ArrayNode steps() {
        return (ArrayNode) root.get("steps");
    }

    private void write() {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
