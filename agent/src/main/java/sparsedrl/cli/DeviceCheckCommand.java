package sparsedrl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparsedrl.agent.devicecheck.CheckReport;
import sparsedrl.agent.devicecheck.CheckSizes;
import sparsedrl.agent.devicecheck.DeviceCheck;
import sparsedrl.agent.devicecheck.HostInfo;
import sparsedrl.agent.devicecheck.Versions;
import sparsedrl.tasks.backend.tornado.DeviceId;

/**
 * {@code sparsedrl device-check}: the checks a GPU machine must pass, with their figures, in one command
 * (see {@link DeviceCheck}). Run by the device bundle's {@code run.sh} inside TornadoVM's JVM.
 */
@Command(name = "device-check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check TornadoVM devices against the JVM backend, benchmark them, train briefly.",
            "Steps: devices, equivalence, bench (bench update), train (minatar:breakout,",
            "atari:pong); each timed, stopping at the first failure. OUT/device-check.json",
            "is rewritten after every step. Run it in TornadoVM's JVM, as the device",
            "bundle's run.sh does (README, 'GPU'). Exit 0 when every step passed."})
public final class DeviceCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder of device-check.json (created)")
    Path out;

    @Option(names = "--quick", description = "smaller steps (within 3 minutes on an H200) instead of the full sizes (8 minutes)")
    boolean quick;

    @Option(names = "--devices", split = ",", paramLabel = "D:I", description = "TornadoVM devices to check (default: all;"
            + " the first trains)")
    List<String> devices;

    @Option(names = "--jvm-stand-in", description = "let the JVM backend stand in for a device (checks the check without TornadoVM)")
    boolean jvmStandIn;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where the training runs go (default OUT/runs)")
    Path workDir;

    @Option(names = "--rom-dir", paramLabel = "DIR", description = "Atari ROM folder for Pong (default $SPARSEDRL_ROMS)")
    Path romDir;

    @Option(names = "--keep-going", description = "run the later steps after a failure")
    boolean keepGoing;

    @Option(names = "--steps", split = ",", paramLabel = "STEP",
            description = "only these steps: devices (always), equivalence, bench, train (default: all)")
    List<String> steps = DeviceCheck.STEPS;

    @Option(names = "--host-info", paramLabel = "FILE", description = "KEY=VALUE lines about the machine, kept as 'host'")
    Path hostInfo;

    @Option(names = "--device-query", paramLabel = "FILE", description = "TornadoVM's device listing, kept with step devices")
    Path deviceQuery;

    @Option(names = "--mark-failed", paramLabel = "MESSAGE",
            description = "only mark OUT/device-check.json failed (its running step, or a step 'setup') and exit")
    String markFailed;

    // Step sizes: each overrides one field of CheckSizes.FULL (or QUICK); the report's "sizes" shows those used.
    @Option(names = "--every-case", arity = "1", paramLabel = "BOOL",
            description = "every equivalence case and bench configuration, not the quick subset")
    Boolean everyCase;
    @Option(names = "--equivalence-updates", paramLabel = "N", description = "updates per equivalence case")
    Integer equivalenceUpdates;
    @Option(names = "--bench-warmup-s", paramLabel = "S", description = "bench warm-up seconds")
    Double benchWarmupSeconds;
    @Option(names = "--bench-windows", paramLabel = "N", description = "bench timed windows")
    Integer benchWindows;
    @Option(names = "--bench-window-s", paramLabel = "S", description = "bench window seconds")
    Double benchWindowSeconds;
    @Option(names = "--bench-every-device", arity = "1", paramLabel = "BOOL",
            description = "benchmark every device, not only the first")
    Boolean benchEveryDevice;
    @Option(names = "--breakout-frames", paramLabel = "N", description = "minatar:breakout frames")
    Long breakoutFrames;
    @Option(names = "--pong-iterations", paramLabel = "N", description = "atari:pong iterations")
    Integer pongIterations;
    @Option(names = "--pong-train-steps", paramLabel = "N", description = "Pong training steps per iteration")
    Long pongTrainSteps;
    @Option(names = "--pong-eval-steps", paramLabel = "N", description = "Pong evaluation steps per iteration")
    Long pongEvalSteps;
    @Option(names = "--pong-min-replay", paramLabel = "N", description = "Pong steps before the first update")
    Long pongMinReplay;

    @Override
    public Integer call() throws IOException {
        if (markFailed != null) {
            CheckReport report;
            try {
                report = CheckReport.openOrCreate(out);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (hostInfo != null && !report.root().path("host").isObject()) {
                report.put("host", HostInfo.read(hostInfo));
            }
            report.markFailed(markFailed);
            return SparseDrl.EXIT_OK;
        }
        CheckSizes sizes = sizes();
        if (Files.exists(out.resolve(CheckReport.FILE))) {
            throw new UsageException(out.resolve(CheckReport.FILE) + " exists; the check never replaces a report: "
                    + "choose another --out folder");
        }
        if (devices != null && jvmStandIn) {
            throw new UsageException("--devices and --jvm-stand-in exclude each other");
        }
        List<String> ids = devices == null ? List.of() : devices.stream().map(DeviceCheckCommand::deviceId).toList();
        Path work = workDir != null ? workDir : out.resolve("runs");
        String query = deviceQuery == null ? null
                : Files.readString(deviceQuery, StandardCharsets.UTF_8).replaceAll("\u001B\\[[;\\d]*m", "");
        DeviceCheck.Settings settings;
        try {
            settings = new DeviceCheck.Settings(sizes, ids, jvmStandIn, work, romDir, query, keepGoing, steps);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Files.createDirectories(out);
        Files.createDirectories(work);
        CheckReport report = CheckReport.create(out, quick ? "quick" : "full");
        report.put("sizes", sizes);
        report.put("versions", Versions.collect());
        if (hostInfo != null) {
            report.put("host", HostInfo.read(hostInfo));
        }
        PrintStream log = System.out;
        log.println("device check (" + (quick ? "quick" : "full") + "), sizes " + sizes);
        boolean passed = new DeviceCheck(settings, report, SparseDrl::commandLine, log).run();
        log.printf(Locale.ROOT, "%ndevice check %s: %s%n", passed ? "PASSED" : "FAILED", report.file().toAbsolutePath());
        return passed ? SparseDrl.EXIT_OK : SparseDrl.EXIT_FAILURE;
    }

    private static String deviceId(String text) {
        try {
            return DeviceId.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private CheckSizes sizes() {
        CheckSizes base = quick ? CheckSizes.QUICK : CheckSizes.FULL;
        try {
            return new CheckSizes(
                    everyCase != null ? everyCase : base.everyCase(),
                    equivalenceUpdates != null ? equivalenceUpdates : base.equivalenceUpdates(),
                    benchWarmupSeconds != null ? benchWarmupSeconds : base.benchWarmupSeconds(),
                    benchWindows != null ? benchWindows : base.benchWindows(),
                    benchWindowSeconds != null ? benchWindowSeconds : base.benchWindowSeconds(),
                    benchEveryDevice != null ? benchEveryDevice : base.benchEveryDevice(),
                    breakoutFrames != null ? breakoutFrames : base.breakoutFrames(),
                    pongIterations != null ? pongIterations : base.pongIterations(),
                    pongTrainSteps != null ? pongTrainSteps : base.pongTrainSteps(),
                    pongEvalSteps != null ? pongEvalSteps : base.pongEvalSteps(),
                    pongMinReplay != null ? pongMinReplay : base.pongMinReplay());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
