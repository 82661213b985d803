package sparsedrl.agent.devicecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The headline figures picked out of a report's steps. */
class CheckSummaryTest {

    private static JsonNode json(String text) throws Exception {
        return CheckReport.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void figuresPerTargetAndPerTrainingRun() throws Exception {
        JsonNode steps = json("""
                [ {'name': 'devices', 'result': {'devices': []}},
                  {'name': 'equivalence', 'result': {'cases': [
                     {'rows': [{'target': 'jvm', 'max_abs_dq': null}, {'target': 'tornado:0:0', 'max_abs_dq': 2e-7}]},
                     {'rows': [{'target': 'jvm', 'max_abs_dq': null}, {'target': 'tornado:0:0', 'max_abs_dq': 5e-7},
                               {'target': 'tornado:1:0', 'max_abs_dq': 1e-7}]} ]}},
                  {'name': 'bench', 'result': {'runs': [
                     {'target': 'tornado:0:0', 'result': {'net': 'nature', 'sparsity': 0.95, 'distribution': 'erk',
                       'updates_per_s': 900.5, 'dense_updates_per_s': 400.0}},
                     {'target': 'tornado:0:0', 'result': {'net': 'nature', 'sparsity': 0.98, 'distribution': 'erk',
                       'updates_per_s': 1100.0, 'dense_updates_per_s': 410.0}},
                     {'target': 'tornado:0:0', 'result': {'net': 'minatar', 'sparsity': 0.0, 'updates_per_s': 2000.0}},
                     {'target': 'jvm', 'error': 'exited 1'} ]}},
                  {'name': 'train', 'result': {'runs': [
                     {'env': 'minatar:breakout', 'target': 'tornado:0:0', 'seconds': 61.5,
                      'last_iteration': {'steps_per_s': 812.0, 'updates_per_s': 790.0}},
                     {'env': 'atari:pong', 'target': 'tornado:0:0', 'command': []} ]}} ]
                """);
        JsonNode s = CheckSummary.of(steps);
        JsonNode device = s.at("/targets/tornado:0:0");
        assertEquals(5e-7, device.get("equivalence_max_abs_dq").asDouble());
        assertEquals(1e-7, s.at("/targets/tornado:1:0/equivalence_max_abs_dq").asDouble());
        assertEquals(400.0, device.get("nature_dense_updates_per_s").asDouble(), "the dense rate beside the first sparse one");
        assertEquals(900.5, device.get("nature_0.95_erk_updates_per_s").asDouble());
        assertEquals(1100.0, device.get("nature_0.98_erk_updates_per_s").asDouble());
        assertEquals(2000.0, device.get("minatar_dense_updates_per_s").asDouble());
        assertFalse(s.path("targets").has("jvm"), "a reference row and a failed bench give no figure");
        assertEquals(812.0, s.at("/train/minatar:breakout/steps_per_s").asDouble());
        assertEquals(61.5, s.at("/train/minatar:breakout/seconds").asDouble());
        assertFalse(s.path("train").has("atari:pong"), "a run that did not finish gives no figure");
    }
}
