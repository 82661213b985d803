package sparsedrl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.agent.roms.TestRoms;

/**
 * {@code sparsedrl device-check} outside TornadoVM: with the JVM backend standing in for a device every
 * step runs and the report holds each step's figures; asked for TornadoVM devices in a plain JVM, the
 * first step fails with a message and the others are skipped. (The real devices are checked by the
 * device bundle's rehearsal, scripts/ci-device-rehearsal.sh.)
 */
class DeviceCheckCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = SparseDrl.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("device-check"));
        all.addAll(List.of(args));
        return new Outcome(cl.execute(all.toArray(String[]::new)), err.toString());
    }

    private JsonNode report() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out").resolve("device-check.json").toFile());
    }

    @Test
    void theJvmStandInPassesEveryStepAndTheReportHoldsTheFigures() throws IOException {
        Path roms = TestRoms.requireRom("pong");
        Outcome o = run("--out", dir.resolve("out").toString(), "--jvm-stand-in", "--quick", "--every-case", "true",
                "--rom-dir", roms.toString(), "--work-dir", dir.resolve("work").toString(),
                "--equivalence-updates", "3", "--bench-warmup-s", "0", "--bench-windows", "1", "--bench-window-s", "0.2",
                "--breakout-frames", "5100", "--pong-iterations", "1", "--pong-train-steps", "60",
                // a warm-up longer than the run: Pong without updates (the Nature net's cost here), env and acting only
                "--pong-eval-steps", "10", "--pong-min-replay", "2000");
        JsonNode r = report();
        assertEquals(0, o.code(), o.err() + r);
        assertEquals("passed", r.get("status").asText());
        List<String> steps = new ArrayList<>();
        r.get("steps").forEach(s -> {
            steps.add(s.get("name").asText() + " " + s.get("status").asText());
            assertTrue(s.get("seconds").asDouble() >= 0, s.toString());
        });
        assertEquals(List.of("devices passed", "equivalence passed", "bench passed", "train passed"), steps);
        assertEquals(3, r.at("/sizes/equivalenceUpdates").asInt());

        JsonNode cases = r.at("/steps/1/result/cases");
        assertEquals(4, cases.size());
        for (JsonNode c : cases) {
            assertEquals("reference", c.at("/rows/0/verdict").asText(), c.toString());
            assertEquals("ok", c.at("/rows/1/verdict").asText(), c.toString());
            assertTrue(c.at("/rows/1/max_abs_dq").asDouble() < 1e-6, c.toString()); // the JVM backend against itself
        }
        assertEquals(0.95, cases.get(3).get("masks_redrawn_at").asDouble());

        JsonNode bench = r.at("/steps/2/result/runs");
        assertEquals(3, bench.size(), "three bench configurations on the one target: " + bench);
        for (JsonNode b : bench) {
            assertTrue(b.at("/result/updates_per_s").asDouble() > 0, b.toString());
        }
        assertEquals(0.98, bench.get(1).at("/result/sparsity").asDouble());
        assertTrue(bench.get(1).at("/result/dense_updates_per_s").asDouble() > 0);

        JsonNode train = r.at("/steps/3/result/runs");
        assertEquals("minatar:breakout", train.get(0).get("env").asText());
        assertTrue(train.get(0).at("/result/frames").asLong() >= 5100, train.get(0).toString());
        assertTrue(train.get(0).at("/result/updates").asLong() > 0, train.get(0).toString());
        assertEquals("atari:pong", train.get(1).get("env").asText());
        assertTrue(train.get(1).at("/result/frames").asLong() > 0, train.get(1).toString());
        assertTrue(train.get(1).at("/last_iteration/eval_episodes").asLong() >= 1, train.get(1).toString());
        assertTrue(Files.isRegularFile(dir.resolve("work").resolve("pong-jvm").resolve("result.json")));
    }

    @Test
    void withoutTornadoVmTheDevicesStepFailsAndTheOthersAreSkipped() throws IOException {
        for (String devices : List.of("all", "0:0")) {
            Path out = dir.resolve("out");
            List<String> args = new ArrayList<>(List.of("--out", out.toString(), "--keep-going"));
            if (!devices.equals("all")) {
                args.addAll(List.of("--devices", devices));
            }
            Outcome o = run(args.toArray(String[]::new));
            JsonNode r = report();
            assertEquals(SparseDrl.EXIT_FAILURE, o.code(), o.err());
            assertEquals("failed", r.get("status").asText());
            assertTrue(r.get("error").asText().startsWith("devices: ") && r.get("error").asText().contains("TornadoVM"),
                    r.get("error").asText());
            assertEquals("skipped", r.at("/steps/1/status").asText(), "nothing to run on, keep-going or not");
            assertEquals("skipped", r.at("/steps/3/status").asText());
            Files.delete(out.resolve("device-check.json"));
        }
    }

    @Test
    void anEarlierReportIsNeverReplaced() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("device-check.json"), "{}");
        Outcome o = run("--out", out.toString(), "--jvm-stand-in");
        assertEquals(SparseDrl.EXIT_USAGE, o.code(), o.err());
        assertTrue(o.err().contains("exists"), o.err());
        assertEquals("{}", Files.readString(out.resolve("device-check.json")));
    }

    @Test
    void aStepSizeOutOfRangeIsAUsageError() {
        Outcome o = run("--out", dir.resolve("out").toString(), "--jvm-stand-in", "--equivalence-updates", "2");
        assertEquals(SparseDrl.EXIT_USAGE, o.code(), o.err());
        assertTrue(o.err().contains("--equivalence-updates"), o.err());
        assertTrue(Files.notExists(dir.resolve("out").resolve("device-check.json")));
    }

    @Test
    void stepsSelectsWhatRunsAndAnUnknownStepIsAUsageError() throws IOException {
        Outcome bad = run("--out", dir.resolve("out").toString(), "--jvm-stand-in", "--steps", "devices,benchmark");
        assertEquals(SparseDrl.EXIT_USAGE, bad.code(), bad.err());
        assertTrue(bad.err().contains("benchmark"), bad.err());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written on bad usage");

        Outcome o = run("--out", dir.resolve("out").toString(), "--jvm-stand-in", "--steps", "devices");
        assertEquals(0, o.code(), o.err());
        JsonNode r = report();
        assertEquals("passed", r.get("status").asText());
        assertEquals(1, r.get("steps").size());
        assertEquals("jvm", r.at("/steps/0/result/devices/0/target").asText());
    }

    @Test
    void markFailedWritesAFailedReportWithTheHostInfo() throws IOException {
        Path info = Files.writeString(dir.resolve("host.txt"), "libcuda=absent\nbackends=none\n");
        Outcome o = run("--out", dir.resolve("out").toString(), "--host-info", info.toString(),
                "--mark-failed", "no TornadoVM backend could load here");
        assertEquals(0, o.code(), o.err());
        JsonNode r = report();
        assertEquals("failed", r.get("status").asText());
        assertEquals("setup: no TornadoVM backend could load here", r.get("error").asText());
        assertEquals("none", r.at("/host/backends").asText());
    }
}
