package sparsedrl.agent.devicecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import sparsedrl.agent.run.RunResult;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.Backends;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.tornado.CompareBackends;
import sparsedrl.tasks.backend.tornado.ProbeWorkload;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * The device check: the steps a GPU machine must pass before its figures mean anything, each timed, in
 * order, stopping at the first failure (unless told to keep going):
 * <ol>
 *   <li>{@code devices}: the TornadoVM devices this JVM sees;</li>
 *   <li>{@code equivalence}: every device against the JVM backend on the same seeded workloads, with
 *       {@link CompareBackends}'s tolerance: the MinAtar net and the Nature net (SAME padding), each dense
 *       and 95% sparse with the masks re-drawn after the first update;</li>
 *   <li>{@code bench}: {@code sparsedrl bench update} at batch 32 of the Nature net (SAME, ERK masks at
 *       0.95 and 0.98, each with its dense rate) and of the MinAtar net, on the first device (or every
 *       device) and on the host's cores (JVM backend);</li>
 *   <li>{@code train}: {@code sparsedrl train} on the first device: {@code minatar:breakout}, then
 *       {@code atari:pong}.</li>
 * </ol>
 * Without {@link CheckSizes#everyCase()} only a subset of the equivalence cases and bench configurations
 * runs (MinAtar dense; Nature 95% sparse with the mask change; Nature 0.95 ERK bench with its dense rate;
 * MinAtar bench). Everything runs in this JVM through the code paths of the commands a user types; the
 * findings go to {@link CheckReport}, the running commentary to {@code log}.
 *
 * <p>Targets are backend labels: {@code tornado:D:I} for a TornadoVM device, or {@code jvm}, which makes
 * the JVM backend stand in for a device (a check of the check, for machines without TornadoVM).
 */
public final class DeviceCheck {

    /** Steps, in order. */
    public static final List<String> STEPS = List.of("devices", "equivalence", "bench", "train");

    /**
     * @param targets     TornadoVM device ids ("D:I") to check; empty: every device TornadoVM lists. Ignored
     *                    when {@code jvmStandIn}.
     * @param jvmStandIn  check the JVM backend as if it were the device (no TornadoVM needed)
     * @param workDir     where the training runs' folders go (must exist)
     * @param romDir      the ROM folder for Pong; null: the default ({@code $SPARSEDRL_ROMS})
     * @param deviceQuery text of TornadoVM's device query ({@code tornado --devices}) made before this JVM
     *                    started, or null; kept in the report
     * @param keepGoing   run the later steps after a failure
     * @param steps       the steps to run, a subset of {@link #STEPS} ({@code devices} always runs: the others
     *                    need its device list)
     */
    public record Settings(CheckSizes sizes, List<String> targets, boolean jvmStandIn, Path workDir, Path romDir,
                           String deviceQuery, boolean keepGoing, List<String> steps) {
        public Settings {
            for (String s : steps) {
                if (!STEPS.contains(s)) {
                    throw new IllegalArgumentException("unknown step '" + s + "' (steps: " + String.join(", ", STEPS) + ")");
                }
            }
        }
    }

    /** A step's failure; the step's result so far is kept in the report. */
    static final class StepFailure extends Exception {
        StepFailure(String message) {
            super(message);
        }
    }

    /** One {@code bench update} configuration; {@code quick}: part of the subset run without every case. */
    private record BenchConfig(String name, boolean quick, List<String> args) {
    }

    private static final List<BenchConfig> BENCH = List.of(
            new BenchConfig("nature same, 0.95 erk (and dense)", true,
                    List.of("--net", "nature", "--padding", "same", "--sparsity", "0.95", "--distribution", "erk")),
            new BenchConfig("nature same, 0.98 erk (and dense)", false,
                    List.of("--net", "nature", "--padding", "same", "--sparsity", "0.98", "--distribution", "erk")),
            new BenchConfig("minatar, dense", true, List.of("--net", "minatar")));

    /**
     * One equivalence workload: a network, its masks' sparsity, and the sparsity they are re-drawn at after
     * the first update; {@code quick}: part of the subset run without every case.
     */
    private record EquivalenceCase(String net, double sparsity, double changedSparsity, boolean quick) {
    }

    private static final List<EquivalenceCase> EQUIVALENCE = List.of(
            new EquivalenceCase("minatar", 0, Double.NaN, true),
            new EquivalenceCase("minatar", 0.95, 0.95, false),
            new EquivalenceCase("nature", 0, Double.NaN, false),
            new EquivalenceCase("nature", 0.95, 0.95, true));

    private static final int EQUIVALENCE_BATCH = 32;
    private static final long EQUIVALENCE_SEED = 7;

    private final Settings settings;
    private final CheckReport report;
    private final Supplier<CommandLine> commands;
    private final PrintStream log;
    private final int hostThreads = Backends.defaultThreads();
    /** Backend labels of the devices under check; the first is the one that trains. */
    private List<String> devices = List.of();

    /**
     * @param commands a fresh {@code sparsedrl} command line for each command the check runs (bench, train)
     */
    public DeviceCheck(Settings settings, CheckReport report, Supplier<CommandLine> commands, PrintStream log) {
        this.settings = settings;
        this.report = report;
        this.commands = commands;
        this.log = log;
    }

    /** Runs the steps; returns true when all passed. The report is finished either way. */
    public boolean run() {
        boolean failed = false;
        for (String name : STEPS) {
            if (!name.equals("devices") && !settings.steps().contains(name)) {
                continue;
            }
            // Without a device the later steps have nothing to run on, keep-going or not.
            if (failed && (!settings.keepGoing() || devices.isEmpty())) {
                report.skip(name);
                continue;
            }
            log.printf(Locale.ROOT, "%n== device check: %s%n", name);
            ObjectNode result = CheckReport.JSON.createObjectNode();
            ObjectNode step = report.begin(name, result);
            long t0 = System.nanoTime();
            try {
                switch (name) {
                    case "devices" -> devices(result);
                    case "equivalence" -> equivalence(result);
                    case "bench" -> bench(result);
                    case "train" -> train(result);
                    default -> throw new IllegalStateException(name);
                }
                double s = seconds(t0);
                report.pass(step, s, result);
                log.printf(Locale.ROOT, "== %s passed (%.1f s)%n", name, s);
            } catch (StepFailure | RuntimeException | IOException | LinkageError e) {
                double s = seconds(t0);
                String error = e instanceof StepFailure ? e.getMessage() : describe(e);
                report.fail(step, s, result, error);
                log.printf(Locale.ROOT, "== %s FAILED (%.1f s): %s%n", name, s, error);
                if (!(e instanceof StepFailure)) {
                    e.printStackTrace(log);
                }
                failed = true;
            }
        }
        report.finish();
        log.println("\nsummary " + report.root().get("summary").toPrettyString());
        return !failed;
    }

    private void devices(ObjectNode result) throws StepFailure {
        if (settings.deviceQuery() != null) {
            result.put("query", settings.deviceQuery());
        }
        List<String> labels;
        if (settings.jvmStandIn()) {
            labels = List.of("jvm");
        } else if (settings.targets().isEmpty()) {
            labels = tornadoDevices();
        } else {
            labels = settings.targets().stream().map(t -> "tornado:" + t).toList();
        }
        ArrayNode list = result.putArray("devices");
        for (String label : labels) {
            describeDevice(list, label);
        }
        if (labels.isEmpty()) {
            throw new StepFailure("TornadoVM lists no device");
        }
        devices = List.copyOf(labels);
        result.put("checked", devices.get(0) + (devices.size() > 1 ? " (trains; all " + devices.size()
                + " are compared" + (settings.sizes().benchEveryDevice() ? " and benchmarked)" : ")") : ""));
    }

    /** Every TornadoVM device as a target label; a StepFailure when this JVM has no TornadoVM. */
    private static List<String> tornadoDevices() throws StepFailure {
        try {
            return CompareBackends.expand(List.of("tornado"));
        } catch (LinkageError | IllegalStateException e) {
            throw notInTornado(e);
        }
    }

    private void describeDevice(ArrayNode list, String label) throws StepFailure {
        String id = label.startsWith("tornado:") ? label.substring("tornado:".length()) : null;
        try (Backend b = Backends.create(id == null ? "jvm" : "tornado", 1, id)) {
            ObjectNode d = list.addObject();
            d.put("target", label);
            d.put("device", b.device());
            log.printf("  %-14s %s%n", label, b.device());
        } catch (LinkageError | IllegalStateException e) {
            throw notInTornado(e);
        } catch (IllegalArgumentException e) {
            throw new StepFailure(e.getMessage()); // no such device
        }
    }

    private static StepFailure notInTornado(Throwable e) {
        return new StepFailure("TornadoVM is not running in this JVM (start the check with the device bundle's run.sh"
                + " or TornadoVM's launcher): " + describe(e));
    }

    private void equivalence(ObjectNode result) throws StepFailure {
        requireDevices();
        List<String> labels = new ArrayList<>();
        labels.add("jvm");
        labels.addAll(devices);
        int updates = settings.sizes().equivalenceUpdates();
        ArrayNode cases = result.putArray("cases");
        for (EquivalenceCase c : EQUIVALENCE) {
            if (!c.quick() && !settings.sizes().everyCase()) {
                continue;
            }
            boolean nature = c.net().equals("nature");
            NetworkSpec spec = nature ? NetworkSpec.nature(6, Padding.SAME, Set.of()) : NetworkSpec.minatar(4, 6, Set.of());
            LossKind loss = nature ? LossKind.MSE : LossKind.HUBER;
            ProbeWorkload w = new ProbeWorkload(spec, EQUIVALENCE_BATCH, EQUIVALENCE_SEED, c.sparsity(), 0.99f,
                    c.changedSparsity());
            String title = String.format(Locale.ROOT, "%s net, %s, %s, %d updates, batch %d", c.net(),
                    c.sparsity() == 0 ? "dense" : "sparsity " + c.sparsity(),
                    Double.isNaN(c.changedSparsity()) ? "masks fixed" : "masks re-drawn at " + c.changedSparsity(),
                    updates, EQUIVALENCE_BATCH);
            log.println("  " + title);
            long t0 = System.nanoTime();
            List<CompareBackends.Row> rows = CompareBackends.compare(w, labels, updates, hostThreads, loss);
            ObjectNode node = cases.addObject();
            node.put("case", title);
            node.put("net", c.net());
            node.put("sparsity", c.sparsity());
            if (Double.isNaN(c.changedSparsity())) {
                node.putNull("masks_redrawn_at");
            } else {
                node.put("masks_redrawn_at", c.changedSparsity());
            }
            node.put("loss", loss.name().toLowerCase(Locale.ROOT));
            node.put("updates", updates);
            node.put("seconds", Math.round(seconds(t0) * 10) / 10.0);
            ArrayNode out = node.putArray("rows");
            List<String> bad = new ArrayList<>();
            for (CompareBackends.Row r : rows) {
                ObjectNode o = out.addObject();
                o.put("target", r.label());
                o.put("device", r.device());
                putNumber(o, "updates_per_s", r.updatesPerSecond());
                putNumber(o, "max_abs_dq", r.maxAbsDq());
                putNumber(o, "max_abs_dw", r.maxAbsDw());
                o.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
                o.set("problems", CheckReport.JSON.valueToTree(r.problems()));
                log.printf(Locale.ROOT, "    %-14s %-9s updates/s %8.2f  max|dQ| %.3e  max|dW| %.3e%s%n", r.label(),
                        r.verdict().name().toLowerCase(Locale.ROOT), r.updatesPerSecond(), r.maxAbsDq(), r.maxAbsDw(),
                        r.problems().isEmpty() ? "" : "  " + String.join("; ", r.problems()));
                if (!r.ok()) {
                    bad.add(r.label() + " " + r.verdict().name().toLowerCase(Locale.ROOT)
                            + (r.problems().isEmpty() ? "" : ": " + r.problems().get(0)));
                }
            }
            report.save();
            if (!bad.isEmpty()) {
                throw new StepFailure(title + ": " + String.join("; ", bad));
            }
        }
    }

    private void bench(ObjectNode result) throws StepFailure, IOException {
        requireDevices();
        List<String> targets = new ArrayList<>(settings.sizes().benchEveryDevice() ? devices : devices.subList(0, 1));
        if (!targets.contains("jvm")) {
            targets.add("jvm"); // the host's cores beside the device
        }
        CheckSizes z = settings.sizes();
        ArrayNode runs = result.putArray("runs");
        for (String target : targets) {
            for (BenchConfig c : BENCH) {
                if (!c.quick() && !z.everyCase()) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("bench", "update", "--json", "--batch", "32",
                        "--warmup-s", num(z.benchWarmupSeconds()), "--windows", Integer.toString(z.benchWindows()),
                        "--window-s", num(z.benchWindowSeconds())));
                args.addAll(c.args());
                args.addAll(backendArgs(target));
                long t0 = System.nanoTime();
                Captured run = execute(args);
                ObjectNode node = runs.addObject();
                node.put("target", target);
                node.put("config", c.name());
                node.put("seconds", Math.round(seconds(t0) * 10) / 10.0);
                if (run.exitCode() != 0) {
                    node.put("error", run.err().strip());
                    throw new StepFailure("bench update " + c.name() + " on " + target + " exited " + run.exitCode()
                            + ": " + firstLine(run.err()));
                }
                JsonNode figures = CheckReport.JSON.readTree(run.out());
                node.set("result", figures);
                report.save();
                log.printf(Locale.ROOT, "  %-14s %-34s %9.2f updates/s%s%n", target, c.name(),
                        figures.path("updates_per_s").asDouble(),
                        figures.hasNonNull("dense_updates_per_s") ? String.format(Locale.ROOT,
                                "  (dense %.2f, speed-up %.2fx)", figures.get("dense_updates_per_s").asDouble(),
                                figures.path("speedup").asDouble()) : "");
            }
        }
    }

    private void train(ObjectNode result) throws StepFailure, IOException {
        requireDevices();
        String target = devices.get(0);
        CheckSizes z = settings.sizes();
        String slug = target.replace(':', '-');
        ArrayNode runs = result.putArray("runs");
        List<String> breakout = new ArrayList<>(List.of("train", "--env", "minatar:breakout", "--seed", "0",
                "--frames", Long.toString(z.breakoutFrames()),
                "--out", settings.workDir().resolve("breakout-" + slug).toString()));
        breakout.addAll(backendArgs(target));
        trainOne(runs, target, breakout);
        List<String> pong = new ArrayList<>(List.of("train", "--env", "atari:pong", "--seed", "0",
                "--iterations", Integer.toString(z.pongIterations()),
                "--train-steps", Long.toString(z.pongTrainSteps()),
                "--eval-steps", Long.toString(z.pongEvalSteps()),
                "--min-replay", Long.toString(z.pongMinReplay()),
                "--replay-capacity", Long.toString(z.pongReplayCapacity()),
                "--out", settings.workDir().resolve("pong-" + slug).toString()));
        if (settings.romDir() != null) {
            pong.addAll(List.of("--rom-dir", settings.romDir().toString()));
        }
        pong.addAll(backendArgs(target));
        trainOne(runs, target, pong);
    }

    private void trainOne(ArrayNode runs, String target, List<String> args) throws StepFailure, IOException {
        ObjectNode node = runs.addObject();
        node.put("target", target);
        node.put("env", args.get(args.indexOf("--env") + 1));
        node.set("command", CheckReport.JSON.valueToTree(args));
        report.save();
        log.println("  sparsedrl " + String.join(" ", args));
        long t0 = System.nanoTime();
        // The run's own progress and messages go straight to the log.
        CommandLine cl = commands.get();
        int code = cl.execute(args.toArray(String[]::new));
        node.put("seconds", Math.round(seconds(t0) * 10) / 10.0);
        node.put("exit_code", code);
        if (code != 0) {
            throw new StepFailure("sparsedrl " + String.join(" ", args.subList(0, 3)) + " exited " + code
                    + " (see device-check.log)");
        }
        Path dir = Path.of(args.get(args.indexOf("--out") + 1));
        node.set("result", CheckReport.JSON.readTree(dir.resolve(RunResult.FILE).toFile()));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
        node.set("last_iteration", CheckReport.JSON.readTree(lines.get(lines.size() - 1)));
        report.save();
    }

    private void requireDevices() throws StepFailure {
        if (devices.isEmpty()) {
            throw new StepFailure("no device to run on (step devices failed)");
        }
    }

    /** The train/bench flags that select a target. */
    static List<String> backendArgs(String target) {
        if (target.equals("jvm")) {
            return List.of("--backend", "jvm");
        }
        if (!target.startsWith("tornado:")) {
            throw new IllegalArgumentException("unknown target " + target);
        }
        return List.of("--backend", "tornado", "--device", target.substring("tornado:".length()));
    }

    private record Captured(int exitCode, String out, String err) {
    }

    /** Runs a sparsedrl command in this JVM and captures what it prints. */
    private Captured execute(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = commands.get();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(String[]::new));
        if (!err.toString().isBlank()) {
            log.print(err);
        }
        return new Captured(code, out.toString(), err.toString());
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
