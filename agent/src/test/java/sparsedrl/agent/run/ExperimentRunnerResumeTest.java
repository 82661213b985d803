package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.agent.config.ConfigResolver;
import sparsedrl.agent.config.RunConfig;

/**
 * In-process resume checks with a scripted network (fast): a run stopped mid-phase and resumed from
 * its checkpoint ends with the same metrics (wall-clock columns aside) and the same final network
 * bytes as an uninterrupted run; a damaged newest checkpoint falls back to the previous one.
 */
class ExperimentRunnerResumeTest {

    /** Thrown by the progress sink to stop a run between two agent steps, like a kill. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private static RunConfig config(String method, double sparsity) {
        ObjectNode f = ConfigResolver.JSON.createObjectNode();
        f.put("env", "minatar:breakout");
        f.put("seed", 3);
        f.put("iterations", 3);
        f.put("trainSteps", 700);
        f.put("evalSteps", 300);
        f.put("batchSize", 8);
        f.put("replayCapacity", 400);
        f.put("minReplay", 60);
        f.put("targetUpdatePeriod", 50);
        f.put("epsilonWarmup", 50);
        f.put("epsilonDecay", 300);
        f.put("dormantEvery", 97);
        f.put("dormantSamples", 20);
        f.put("checkpointMinutes", 0);
        f.put("checkpointEverySteps", 333);
        f.put("method", method);
        f.put("sparsity", sparsity);
        f.put("topologyUpdateEvery", 100);
        f.put("maskUpdateEvery", 50);
        return ConfigResolver.resolve(ConfigResolver.JSON.createObjectNode(), f);
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    private static ExperimentRunner runner(RunConfig cfg, Path dir, PrintStream log) {
        return new ExperimentRunner(cfg, dir, new ScriptedBackend(), RunComponents.environments(cfg), log);
    }

    /** A progress sink that crashes once {@code crashAtFrames} training frames are passed (0 = never). */
    private static Progress crashingAt(long crashAtFrames) {
        return new Progress() {
            @Override
            public void update(long trainFrames, String status) {
                if (crashAtFrames > 0 && trainFrames >= crashAtFrames) {
                    throw new SimulatedCrash();
                }
            }

            @Override
            public void iterationDone(long trainFrames, String line) {
            }

            @Override
            public void close() {
            }
        };
    }

    private static RunResult uninterrupted(RunConfig cfg, Path dir) throws IOException {
        try (ExperimentRunner r = runner(cfg, dir, QUIET)) {
            r.initializeFresh();
            return r.run(crashingAt(0));
        }
    }

    private static void crash(RunConfig cfg, Path dir, long atFrames) {
        try (ExperimentRunner r = runner(cfg, dir, QUIET)) {
            r.initializeFresh();
            assertThrows(SimulatedCrash.class, () -> r.run(crashingAt(atFrames)));
        }
    }

    private static RunResult resume(RunConfig cfg, Path dir, PrintStream log) throws IOException {
        try (ExperimentRunner r = runner(cfg, dir, log)) {
            assertNotNull(r.resume(), "a checkpoint should have been found");
            return r.run(crashingAt(0));
        }
    }

    static void assertSameRun(Path expected, Path actual) throws IOException {
        assertEquals(withoutWallClock(expected), withoutWallClock(actual), "metrics of " + actual);
        assertArrayEquals(Files.readAllBytes(expected.resolve(ExperimentRunner.FINAL_NETWORK)),
                Files.readAllBytes(actual.resolve(ExperimentRunner.FINAL_NETWORK)), "final network of " + actual);
    }

    /** metrics.csv with the wall-clock columns blanked. */
    static List<String> withoutWallClock(Path runDir) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        return lines.stream().map(l -> {
            String[] v = l.split(",", -1);
            for (int i = 0; i < v.length; i++) {
                if (MetricsLog.WALL_CLOCK_COLUMNS.contains(header.get(i))) {
                    v[i] = "-";
                }
            }
            return String.join(",", v);
        }).toList();
    }

    @Test
    void resumedRunMatchesUninterruptedRun(@TempDir Path tmp) throws IOException {
        RunConfig cfg = config("dense", 0);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        RunResult ra = uninterrupted(cfg, a);
        assertEquals(3, ra.iterations());
        crash(cfg, b, 1200); // in the second iteration's training phase, past a mid-phase checkpoint
        assertTrue(Files.exists(b.resolve("checkpoints")));
        resume(cfg, b, QUIET);
        assertSameRun(a, b);
        List<String> lines = Files.readAllLines(a.resolve("metrics.csv"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("iteration,frames,train_return,eval_return,steps_per_s,updates_per_s,loss"));
    }

    @Test
    void progressStartsWhereTheRunStands(@TempDir Path tmp) throws IOException {
        RunConfig cfg = config("dense", 0);
        Path dir = tmp.resolve("run");
        try (ExperimentRunner r = runner(cfg, dir, QUIET)) {
            r.initializeFresh();
            // 3 iterations of 700 training steps, one frame each on MinAtar
            assertEquals(new ProgressStart(2_100, 3, 0, true, 0), r.progressStart());
        }
        crash(cfg, dir, 1200);
        try (ExperimentRunner r = runner(cfg, dir, QUIET)) {
            assertNotNull(r.resume());
            ProgressStart start = r.progressStart();
            // the newest checkpoint lies inside the second iteration's training phase
            assertEquals(1, start.iterationsDone());
            assertTrue(!start.atIterationStart());
            assertTrue(start.doneFrames() > 700 && start.doneFrames() < 1200, "frames " + start.doneFrames());
        }
    }

    @Test
    void sparseMethodStateSurvivesResume(@TempDir Path tmp) throws IOException {
        RunConfig cfg = config("set", 0.8);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        uninterrupted(cfg, a);
        crash(cfg, b, 1800);
        resume(cfg, b, QUIET);
        assertSameRun(a, b);
    }

    @Test
    void damagedNewestCheckpointFallsBackToThePreviousOne(@TempDir Path tmp) throws IOException {
        RunConfig cfg = config("dense", 0);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        uninterrupted(cfg, a);
        crash(cfg, b, 1500);
        List<Path> ckpts = new CheckpointStore(b.resolve("checkpoints")).checkpoints();
        assertEquals(CheckpointStore.KEEP, ckpts.size());
        try (RandomAccessFile f = new RandomAccessFile(ckpts.get(0).toFile(), "rw")) {
            f.setLength(f.length() / 2); // truncated, as by a crash of a writer without the temp+rename dance
        }
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        resume(cfg, b, new PrintStream(warnings, true));
        assertTrue(warnings.toString().contains("unusable"), warnings.toString());
        assertTrue(warnings.toString().contains(ckpts.get(0).getFileName().toString()), warnings.toString());
        assertSameRun(a, b);
    }

    @Test
    void noUsableCheckpointRefusesToStartOver(@TempDir Path tmp) throws IOException {
        RunConfig cfg = config("dense", 0);
        Path b = tmp.resolve("b");
        crash(cfg, b, 1500);
        for (Path p : new CheckpointStore(b.resolve("checkpoints")).checkpoints()) {
            Files.write(p, new byte[] {1, 2, 3});
        }
        try (ExperimentRunner r = runner(cfg, b, QUIET)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, r::resume);
            assertTrue(e.getMessage().contains("no usable checkpoint"), e.getMessage());
        }
    }
}
