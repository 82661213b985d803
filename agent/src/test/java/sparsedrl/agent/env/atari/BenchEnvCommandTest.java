package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sparsedrl.agent.roms.TestRoms;
import sparsedrl.cli.SparseDrl;

/** `sparsedrl bench env`: the JSON it prints and its exit codes. */
class BenchEnvCommandTest {

    @Test
    void atariJsonHasStepAndFrameRates() throws Exception {
        String roms = TestRoms.requireRom("pong").toString();
        StringWriter out = new StringWriter();
        int code = run(out, "bench", "env", "--env", "atari:pong", "--steps", "200", "--warmup", "20",
                "--rom-dir", roms, "--json");
        assertEquals(SparseDrl.EXIT_OK, code);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertTrue(json.get("steps_per_s").asDouble() > 0);
        assertTrue(json.get("frames_per_s").asDouble() > 0);
        assertEquals(4, json.get("frames_per_step").asInt());
        // The overhead and the share of a step are two views of one time ratio r = step / raw:
        // r - 1 and 1 - 1/r.
        double onTop = json.get("preprocessing_overhead").asDouble();
        double share = json.get("preprocessing_share_of_step").asDouble();
        assertEquals(onTop / (1 + onTop), share, 0.002);
        assertTrue(onTop > -0.5, "preprocessing cannot make a step half as long as its emulation: " + onTop);
    }

    @Test
    void minatarGoesThroughTheFactory() throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(SparseDrl.EXIT_OK, run(out, "bench", "env", "--env", "minatar:breakout", "--steps", "500", "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("minatar:breakout", json.get("env").asText());
        assertEquals(json.get("steps_per_s").asDouble(), json.get("frames_per_s").asDouble());
    }

    @Test
    void badIdIsAUsageErrorAndMissingRomARuntimeError() {
        assertEquals(SparseDrl.EXIT_USAGE, run(new StringWriter(), "bench", "env", "--env", "atari:nope"));
        assertEquals(SparseDrl.EXIT_FAILURE, run(new StringWriter(), "bench", "env", "--env", "atari:pong",
                "--rom-dir", "/nonexistent/roms"));
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = SparseDrl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }
}
