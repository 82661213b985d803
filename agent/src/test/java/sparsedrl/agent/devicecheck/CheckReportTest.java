package sparsedrl.agent.devicecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** device-check.json as a reader sees it on disk after each change, including after a kill. */
class CheckReportTest {

    @TempDir
    Path dir;

    private JsonNode onDisk() throws IOException {
        return CheckReport.JSON.readTree(dir.resolve(CheckReport.FILE).toFile());
    }

    @Test
    void aRunningStepIsOnDiskWithWhatItHasFoundSoFar() throws IOException {
        CheckReport r = CheckReport.create(dir, "quick");
        ObjectNode result = CheckReport.JSON.createObjectNode();
        r.begin("bench", result);
        assertEquals("running", onDisk().at("/steps/0/status").asText());
        result.putArray("runs").addObject().put("updates_per_s", 12.5);
        r.save();
        assertEquals(12.5, onDisk().at("/steps/0/result/runs/0/updates_per_s").asDouble());
        assertEquals("running", onDisk().get("status").asText());
    }

    @Test
    void finishPassesOnlyWhenEveryStepPassed() throws IOException {
        CheckReport r = CheckReport.create(dir, "full");
        r.pass(r.begin("devices", CheckReport.JSON.createObjectNode()), 1.234, CheckReport.JSON.createObjectNode());
        r.finish();
        assertEquals("passed", onDisk().get("status").asText());
        assertTrue(onDisk().get("error").isNull());
        assertEquals(1.23, onDisk().at("/steps/0/seconds").asDouble());

        CheckReport f = CheckReport.create(dir.resolve("other"), "full");
        f.pass(f.begin("devices", CheckReport.JSON.createObjectNode()), 1, CheckReport.JSON.createObjectNode());
        f.fail(f.begin("equivalence", CheckReport.JSON.createObjectNode()), 2, null, "tornado:0:0 mismatch");
        f.skip("bench");
        f.finish();
        JsonNode disk = CheckReport.JSON.readTree(dir.resolve("other").resolve(CheckReport.FILE).toFile());
        assertEquals("failed", disk.get("status").asText());
        assertEquals("equivalence: tornado:0:0 mismatch", disk.get("error").asText());
        assertEquals("skipped", disk.at("/steps/2/status").asText());
        assertFalse(disk.get("finished").isNull());
    }

    @Test
    void markFailedFailsTheStepThatWasRunningAndKeepsItsFigures() throws IOException {
        CheckReport r = CheckReport.create(dir, "full");
        r.pass(r.begin("devices", CheckReport.JSON.createObjectNode()), 1, CheckReport.JSON.createObjectNode());
        ObjectNode partial = CheckReport.JSON.createObjectNode();
        partial.put("cases_done", 2);
        r.begin("equivalence", partial);
        // the process dies here; another one marks the report
        CheckReport.openOrCreate(dir).markFailed("stopped by the time limit");
        JsonNode disk = onDisk();
        assertEquals("failed", disk.get("status").asText());
        assertEquals("equivalence: stopped by the time limit", disk.get("error").asText());
        assertEquals("passed", disk.at("/steps/0/status").asText());
        assertEquals("failed", disk.at("/steps/1/status").asText());
        assertEquals(2, disk.at("/steps/1/result/cases_done").asInt());
        assertEquals(2, disk.get("steps").size());
    }

    @Test
    void markFailedWithoutAReportRecordsASetupStep() throws IOException {
        CheckReport.openOrCreate(dir).markFailed("no TornadoVM backend could load here");
        JsonNode disk = onDisk();
        assertEquals("failed", disk.get("status").asText());
        assertEquals("setup", disk.at("/steps/0/name").asText());
        assertEquals("setup: no TornadoVM backend could load here", disk.get("error").asText());
    }

    @Test
    void aFileThatIsNoReportIsRefused() throws IOException {
        Files.writeString(dir.resolve(CheckReport.FILE), "[1, 2]");
        assertThrows(IllegalArgumentException.class, () -> CheckReport.openOrCreate(dir));
    }

    @Test
    void hostInfoKeepsKeyValueLinesOnly() {
        JsonNode h = HostInfo.parse("# comment\ngpu=NVIDIA H200, 580.95.05\n\nnot a pair\nlibcuda = /usr/lib/libcuda.so.1\n");
        assertEquals("NVIDIA H200, 580.95.05", h.get("gpu").asText());
        assertEquals("/usr/lib/libcuda.so.1", h.get("libcuda").asText());
        assertEquals(2, h.size());
    }
}
