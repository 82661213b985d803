package sparsedrl.agent.devicecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The headline figures of a device check, one object per target (the README's GPU table): the largest
 * |dQ| against the JVM backend over the equivalence cases, and updates/s of {@code bench update} for the
 * Nature net dense and at 0.95 and 0.98 ERK and for the MinAtar net; and per training run its agent
 * steps/s and updates/s over the last iteration. Read from the steps' results; absent figures are left out.
 */
public final class CheckSummary {

    private CheckSummary() {
    }

    public static ObjectNode of(JsonNode steps) {
        ObjectNode summary = CheckReport.JSON.createObjectNode();
        ObjectNode targets = summary.putObject("targets");
        for (JsonNode step : steps) {
            switch (step.path("name").asText()) {
                case "equivalence" -> {
                    for (JsonNode c : step.path("result").path("cases")) {
                        for (JsonNode row : c.path("rows")) {
                            if (row.path("max_abs_dq").isNumber()) {
                                ObjectNode t = target(targets, row.get("target").asText());
                                double dq = row.get("max_abs_dq").asDouble();
                                t.put("equivalence_max_abs_dq", Math.max(dq, t.path("equivalence_max_abs_dq").asDouble(0)));
                            }
                        }
                    }
                }
                case "bench" -> {
                    for (JsonNode run : step.path("result").path("runs")) {
                        JsonNode r = run.path("result");
                        if (!r.isObject()) {
                            continue;
                        }
                        ObjectNode t = target(targets, run.get("target").asText());
                        String net = r.path("net").asText();
                        double sparsity = r.path("sparsity").asDouble();
                        if (sparsity == 0) {
                            t.put(net + "_dense_updates_per_s", r.path("updates_per_s").asDouble());
                        } else {
                            t.put(String.format(Locale.ROOT, "%s_%s_%s_updates_per_s", net, sparsity,
                                    r.path("distribution").asText()), r.path("updates_per_s").asDouble());
                            // the same build's dense rate, measured beside each sparse one: keep the first
                            if (!t.has(net + "_dense_updates_per_s") && r.hasNonNull("dense_updates_per_s")) {
                                t.put(net + "_dense_updates_per_s", r.get("dense_updates_per_s").asDouble());
                            }
                        }
                    }
                }
                case "train" -> {
                    ObjectNode train = summary.putObject("train");
                    for (JsonNode run : step.path("result").path("runs")) {
                        JsonNode last = run.path("last_iteration");
                        if (!last.isObject()) {
                            continue;
                        }
                        ObjectNode t = train.putObject(run.path("env").asText());
                        t.put("target", run.path("target").asText());
                        t.put("steps_per_s", last.path("steps_per_s").asDouble());
                        t.put("updates_per_s", last.path("updates_per_s").asDouble());
                        t.put("seconds", run.path("seconds").asDouble());
                    }
                }
                default -> {
                    // devices: nothing to sum up
                }
            }
        }
        return summary;
    }

    private static ObjectNode target(ObjectNode targets, String name) {
        JsonNode t = targets.get(name);
        return t instanceof ObjectNode o ? o : targets.putObject(name);
    }
}
