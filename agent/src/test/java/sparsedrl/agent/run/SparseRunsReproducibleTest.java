package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.agent.sweep.JavaRunLauncher;
import sparsedrl.tasks.backend.SparseThreshold;

/**
 * A sparse run is a function of its config, seed and thread count, whatever the JIT does. Each
 * method runs at a sparsity whose layers take the sparse kernels (density below
 * {@link SparseThreshold#DEFAULT}), with schedules short enough that its masks change during the
 * run, in two JVMs: in a fresh one of its own, where the kernels start in the interpreter and C1 and
 * C2 compiles them mid-run, at a moment that varies from JVM to JVM; and in one JVM that runs all
 * methods one after another with lower compile thresholds, so that each finds the kernels compiled at
 * another moment, most of them before it starts. Metrics (wall-clock columns aside) and final
 * networks must be equal byte for byte. One method's fresh run is killed with SIGKILL after a
 * checkpoint and resumed in this JVM: it must equal the same run in the other JVM too.
 */
class SparseRunsReproducibleTest {
    /** About 500 updates of batch 32 (the reference batch: whole vectors), a checkpoint at step 200. */
    private static final List<String> COMMON = List.of("--env", "minatar:breakout", "--seed", "11",
            "--iterations", "2", "--train-steps", "300", "--eval-steps", "50", "--min-replay", "100",
            "--batch-size", "32", "--replay-capacity", "1000", "--target-update-period", "50",
            "--epsilon-warmup", "100", "--epsilon-decay", "300", "--mask-update-every", "20",
            "--topology-update-every", "40", "--dormant-every", "100", "--dormant-samples", "32",
            "--checkpoint-minutes", "0", "--checkpoint-every-steps", "200");
    /**
     * ERK at 0.95 takes conv1 (density 0.23) and dense1 sparse, uniform all three layers; pruning
     * crosses the threshold mid-run. Both thread counts of the 2-core CI machine appear.
     */
    private static final Map<String, List<String>> METHODS = new LinkedHashMap<>();
    /** Sparse from its first update: by the checkpoint the JIT has long compiled the sparse kernels. */
    private static final String KILLED = "rigl-start0";

    static {
        METHODS.put("prune", List.of("--method", "prune", "--sparsity", "0.95", "--distribution", "uniform",
                "--threads", "1"));
        METHODS.put(KILLED, List.of("--method", "rigl", "--sparsity", "0.95", "--sparse-start", "0",
                "--threads", "2"));
        METHODS.put("rigl-start0.2", List.of("--method", "rigl", "--sparsity", "0.95", "--sparse-start", "0.2",
                "--distribution", "uniform", "--threads", "1"));
        METHODS.put("set", List.of("--method", "set", "--sparsity", "0.95", "--threads", "2"));
        METHODS.put("static", List.of("--method", "static", "--sparsity", "0.95", "--threads", "1"));
    }

    private static final long CHILD_TIMEOUT_S = 300;

    @TempDir
    static Path tmp;

    /**
     * All methods in one JVM, and every method but {@link #KILLED} in a fresh JVM of its own: two
     * JVMs at a time (the CI machine has 2 cores).
     */
    @BeforeAll
    static void trainInTwoJvmsEach() throws Exception {
        List<String> all = new ArrayList<>();
        for (String name : METHODS.keySet()) {
            if (!all.isEmpty()) {
                all.add(CommandSequenceMain.SEPARATOR);
            }
            all.addAll(train(name, tmp.resolve("shared").resolve(name)));
        }
        List<String> shared = new ArrayList<>(fresh());
        // compile sooner than the fresh JVMs, so that even the first method switches to C2 elsewhere
        shared.add(1, "-XX:CompileThresholdScaling=0.1");
        shared.set(shared.size() - 1, CommandSequenceMain.class.getName());
        Map<String, Process> running = new LinkedHashMap<>();
        try {
            running.put("shared", start(shared, all, log("shared")));
            for (String name : METHODS.keySet()) {
                if (!name.equals(KILLED)) {
                    awaitFreeSlot(running, 2);
                    running.put(name, start(fresh(), train(name, tmp.resolve("fresh").resolve(name)), log(name)));
                }
            }
            awaitFreeSlot(running, 1);
        } finally {
            running.values().forEach(Process::destroyForcibly);
        }
    }

    /** Waits until fewer than {@code slots} children run; each that ended must have succeeded. */
    private static void awaitFreeSlot(Map<String, Process> running, int slots) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
        while (running.size() >= slots) {
            for (var e : List.copyOf(running.entrySet())) {
                if (!e.getValue().isAlive()) {
                    running.remove(e.getKey());
                    assertEquals(0, e.getValue().exitValue(), e.getKey() + " failed; its log:\n"
                            + Files.readString(log(e.getKey())));
                }
            }
            assertTrue(System.nanoTime() < deadline, "children still running after " + CHILD_TIMEOUT_S + " s: "
                    + running.keySet());
            Thread.sleep(20);
        }
    }

    /** Every method is compared (a failure lists each one that differs). */
    @Test
    void everySparseMethodGivesTheSameRunInAnotherJvm() {
        assertAll(METHODS.keySet().stream().filter(name -> !name.equals(KILLED)).map(name -> () -> {
            Path fresh = tmp.resolve("fresh").resolve(name);
            assertTakesSparseKernels(fresh, name);
            ExperimentRunnerResumeTest.assertSameRun(fresh, tmp.resolve("shared").resolve(name));
        }));
    }

    @Test
    void killedSparseRunResumesBitIdentical() throws Exception {
        Path killed = tmp.resolve("killed");
        Process child = start(fresh(), train(KILLED, killed), log("killed"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
        while (!ChildJvm.hasCheckpoint(killed) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(ChildJvm.hasCheckpoint(killed), "no checkpoint appeared; child log:\n"
                + Files.readString(log("killed")));
        assertTrue(child.isAlive(), "the child finished before it could be killed; make the run longer");
        child.destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(killed.resolve(RunResult.FILE)));

        ResumeAfterKillTest.cli("resume", killed.toString());
        assertTakesSparseKernels(killed, KILLED);
        ExperimentRunnerResumeTest.assertSameRun(tmp.resolve("shared").resolve(KILLED), killed);
    }

    /** The last metrics row has a layer whose sparsity puts it below the sparse-kernel threshold. */
    private static void assertTakesSparseKernels(Path run, String name) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        String[] header = lines.get(0).split(",", -1);
        String[] last = lines.get(lines.size() - 1).split(",", -1);
        double sparsest = 0;
        for (int i = 0; i < header.length; i++) {
            if (header[i].startsWith("sparsity_")) {
                sparsest = Math.max(sparsest, Double.parseDouble(last[i]));
            }
        }
        assertTrue(1 - sparsest < SparseThreshold.DEFAULT, name + ": no layer below the sparse threshold");
    }

    /** java, options and class path of this JVM, the CLI's main class last. */
    private static List<String> fresh() {
        return JavaRunLauncher.ofThisApplication().prefix();
    }

    private static List<String> train(String method, Path out) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(COMMON);
        args.addAll(METHODS.get(method));
        return args;
    }

    private static Path log(String name) {
        return tmp.resolve(name + ".log");
    }

    private static Process start(List<String> jvm, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(jvm);
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

}
