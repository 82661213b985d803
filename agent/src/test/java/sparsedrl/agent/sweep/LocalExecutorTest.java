package sparsedrl.agent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.SweepManifest;

/**
 * The executor with a stand-in for train: a shell command that writes a checkpoint and then
 * result.json, or fails for runs named in a "broken" file. Checks skip / resume / train decisions,
 * failure isolation and the per-run log.
 */
class LocalExecutorTest {

    private final Map<String, RunState> launchedAs = new ConcurrentHashMap<>();

    private RunLauncher fakeTrain(Path broken) {
        return (run, runDir, config, state) -> {
            launchedAs.put(run.id(), state);
            String script = "mkdir -p '" + runDir + "/checkpoints' && touch '" + runDir + "/checkpoints/ckpt-00000001.bin' && "
                    + "if grep -qx '" + run.id() + "' '" + broken + "' 2>/dev/null; then echo boom-" + run.id()
                    + "; exit 4; fi; echo '{}' > '" + runDir + "/result.json'";
            return List.of("sh", "-c", script);
        };
    }

    @Test
    void runsAllIsolatesFailuresAndResumesOnTheNextInvocation(@TempDir Path sweep) throws Exception {
        SweepSpec spec = new SweepSpec("t", 1000L, Map.of(), new SweepSpec.Axes(List.of("minatar:breakout"),
                List.of("dense", "prune"), List.of(0.9), null, List.of(0L, 1L, 2L), null));
        SweepManifest m = GridExpander.expand(spec, 1);
        m.write(sweep);
        Path broken = sweep.resolve("broken.txt");
        String bad = m.runs().get(1).id();
        Files.writeString(broken, bad + "\n");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

        List<RunResult> first = new LocalExecutor(new RunTask(sweep, fakeTrain(broken)), 3, quiet).runAll(m.runs());
        assertEquals(6, first.size());
        assertEquals(1, first.stream().filter(RunResult::failed).count());
        RunResult failure = first.stream().filter(RunResult::failed).findFirst().orElseThrow();
        assertEquals(bad, failure.run().id());
        assertTrue(failure.error().contains("exit code 4") && failure.error().contains("boom-" + bad), failure.error());
        assertTrue(Files.readString(RunTask.logFile(sweep, failure.run())).contains("boom-" + bad));
        assertTrue(launchedAs.values().stream().allMatch(s -> s == RunState.FRESH));

        // Second invocation: finished runs are skipped, the failed one (now with a checkpoint) resumes.
        Files.delete(broken);
        launchedAs.clear();
        List<RunResult> second = new LocalExecutor(new RunTask(sweep, fakeTrain(broken)), 2, quiet).runAll(m.runs());
        assertEquals(5, second.stream().filter(r -> r.outcome() == RunResult.Outcome.SKIPPED_FINISHED).count());
        assertEquals(Map.of(bad, RunState.RESUMABLE), launchedAs);
        assertTrue(second.stream().noneMatch(RunResult::failed));
    }

    @Test
    void scaledRunsGetTheirConfigFile(@TempDir Path sweep) throws Exception {
        SweepManifest m = GridExpander.expand(SweepPresets.byName("smoke"), 0.5);
        RunEntry r = m.runs().get(0);
        Path[] seen = new Path[1];
        RunLauncher capture = (run, runDir, config, state) -> {
            seen[0] = config;
            return List.of("sh", "-c", "mkdir -p '" + runDir + "' && echo '{}' > '" + runDir + "/result.json'");
        };
        RunResult res = new RunTask(sweep, capture).run(r);
        assertEquals(RunResult.Outcome.COMPLETED, res.outcome());
        String json = Files.readString(seen[0]);
        // smoke: minatar, scale 0.5: learning starts after 2,500 of the preset's 5,000 steps.
        assertTrue(json.contains("\"minReplay\" : 2500"), json);
    }

    @Test
    void aLauncherThatCannotStartIsAFailureNotACrash(@TempDir Path sweep) {
        SweepManifest m = GridExpander.expand(SweepPresets.byName("smoke"), 1);
        RunResult r = new RunTask(sweep, (run, d, c, s) -> List.of("/nonexistent/binary")).run(m.runs().get(0));
        assertTrue(r.failed());
        assertTrue(r.error().contains("could not start"), r.error());
    }
}
