package sparsedrl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sparsedrl.agent.config.ConfigResolver;
import sparsedrl.agent.run.ExclusiveLock;
import sparsedrl.agent.run.StopSignals;
import sparsedrl.agent.sweep.GridExpander;
import sparsedrl.agent.sweep.JavaRunLauncher;
import sparsedrl.agent.sweep.LocalExecutor;
import sparsedrl.agent.sweep.RunResult;
import sparsedrl.agent.sweep.RunState;
import sparsedrl.agent.sweep.RunTask;
import sparsedrl.agent.sweep.SlurmExecutor;
import sparsedrl.agent.sweep.SlurmOptions;
import sparsedrl.agent.sweep.SweepPresets;
import sparsedrl.agent.sweep.SweepSpec;
import sparsedrl.analysis.AtomicFiles;
import sparsedrl.analysis.runs.RunEntry;
import sparsedrl.analysis.runs.SweepManifest;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a grid of experiments locally or as a Slurm job array.",
            "SPEC is a preset (paper-fig1, paper-fig2, paper-fig3, paper-all, smoke) or a JSON spec file.",
            "Re-running the same sweep skips finished runs and resumes unfinished ones from their checkpoints.",
            "One sweep per SWEEP_DIR at a time. SIGTERM or SIGINT: running runs checkpoint, exit code 3."},
        subcommands = SweepCommand.RunTaskCommand.class)
public final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "preset name or JSON spec file")
    String specArg;

    @Option(names = "--out", paramLabel = "SWEEP_DIR", description = "sweep directory (runs under SWEEP_DIR/runs/)")
    Path out;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "F",
            description = "multiply frames and step schedules by F (default ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--games", paramLabel = "atari|minatar",
            description = "minatar: replace each Atari game by a small game (Breakout and SpaceInvaders by their "
                    + "own, Pong by Freeway, Qbert by Asterix, MsPacman by Seaquest)")
    String games;

    @Option(names = "--envs", split = ",", paramLabel = "ID",
            description = "keep only these environments of the grid (after --games), e.g. "
                    + "--envs minatar:breakout,minatar:asterix")
    List<String> onlyEnvs;

    @Option(names = "--seeds", paramLabel = "N", description = "use seeds 0..N-1 instead of the spec's")
    Integer seeds;

    @Option(names = "--frames", paramLabel = "N", description = "frames per run before --scale (default: the spec's, "
            + "else the environment's full protocol)")
    Long frames;

    @Option(names = "--flag", paramLabel = "KEY=VALUE", description = "extra train flag for every run, e.g. "
            + "--flag backend=tornado (value true = bare flag)")
    List<String> flags = new ArrayList<>();

    @Option(names = "--dry-run", description = "print the runs and their count; write and run nothing")
    boolean dryRun;

    @Option(names = "--executor", defaultValue = "local", paramLabel = "local|slurm",
            description = "where runs execute (default ${DEFAULT-VALUE})")
    String executor;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "local: runs at once (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--slurm-time", defaultValue = "48:00:00", paramLabel = "T", description = "slurm: time per task")
    String slurmTime;

    @Option(names = "--slurm-mem", defaultValue = "16G", paramLabel = "M", description = "slurm: memory per task")
    String slurmMem;

    @Option(names = "--slurm-cpus", defaultValue = "2", paramLabel = "N", description = "slurm: CPUs per task")
    int slurmCpus;

    @Option(names = "--slurm-gpus", defaultValue = "0", paramLabel = "N", description = "slurm: GPUs per task (--gres=gpu:N)")
    int slurmGpus;

    @Option(names = "--slurm-concurrency", defaultValue = "0", paramLabel = "K",
            description = "slurm: array tasks running at once (%%K; 0 = no limit)")
    int slurmConcurrency;

    @Option(names = "--slurm-partition", paramLabel = "P", description = "slurm: partition")
    String slurmPartition;

    @Option(names = "--slurm-option", paramLabel = "OPT", description = "slurm: extra #SBATCH option, e.g. --account=abc")
    List<String> slurmExtra = new ArrayList<>();

    @Option(names = "--slurm-stop-before", defaultValue = "" + SlurmOptions.DEFAULT_STOP_BEFORE, paramLabel = "S",
            description = "slurm: seconds before the time limit at which a task checkpoints its run and requeues itself "
                    + "(SIGUSR1; default ${DEFAULT-VALUE}; 0 = off)")
    int slurmStopBefore;

    @Option(names = "--no-submit", description = "slurm: write the sbatch script only")
    boolean noSubmit;

    @Option(names = "--wait", description = "slurm: wait until the array has left the queue, then report every run")
    boolean await;

    @Option(names = "--wait-timeout", defaultValue = "86400", paramLabel = "S", description = "slurm: seconds --wait waits")
    long waitTimeout;

    @Override
    public Integer call() throws Exception {
        PrintStream o = System.out;
        if (specArg == null) {
            throw new UsageException("a sweep SPEC is required (a preset: " + String.join(", ", SweepPresets.names())
                    + ", or a JSON spec file)");
        }
        // every check before anything is written, --dry-run and --no-submit included
        SlurmOptions slurmOptions = checkExecutorOptions();
        SweepManifest manifest = expand();
        if (dryRun) {
            for (RunEntry r : manifest.runs()) {
                o.printf("%4d  %-60s train %s%s%n", r.index(), r.id(), String.join(" ", r.trainArgs()),
                        r.configOverrides().isEmpty() ? "" : "  config " + r.configOverrides());
            }
            o.printf("%d runs%n", manifest.runs().size());
            return SparseDrl.EXIT_OK;
        }
        if (out == null) {
            throw new UsageException("--out SWEEP_DIR is required (or use --dry-run)");
        }
        if (slurmOptions != null) {
            try {
                SlurmExecutor.checkScriptable(out, manifest.name());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        try (ExclusiveLock lock = lockSweepDirectory()) {
            prepareDirectory(manifest);
            o.printf("sweep %s: %d runs in %s%n", manifest.name(), manifest.runs().size(), out);
            JavaRunLauncher launcher = JavaRunLauncher.ofThisApplication();
            if (slurmOptions == null) {
                RunTask task = new RunTask(out, launcher);
                try (StopSignals stop = StopSignals.install(System.err, task::stop, "TERM", "INT")) {
                    List<RunResult> results = new LocalExecutor(task, workers, o).runAll(manifest.runs());
                    return report(o, results);
                }
            }
            return slurm(o, manifest, launcher, slurmOptions);
        }
    }

    /** The executor's options, checked; the Slurm options when the executor is slurm, else null. */
    private SlurmOptions checkExecutorOptions() {
        switch (executor) {
            case "local" -> {
                if (workers < 1) {
                    throw new UsageException("--workers must be at least 1, got " + workers);
                }
                return null;
            }
            case "slurm" -> {
                try {
                    return new SlurmOptions(slurmTime, slurmMem, slurmCpus, slurmGpus, slurmConcurrency, slurmPartition,
                            slurmExtra, slurmStopBefore);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            default -> throw new UsageException("--executor must be local or slurm, got '" + executor + "'");
        }
    }

    /** One sweep process per directory: a second one on the same --out is refused while the first runs. */
    private ExclusiveLock lockSweepDirectory() {
        Path lockFile = out.resolve(".lock");
        try {
            Files.createDirectories(out);
            return ExclusiveLock.tryAcquire(lockFile).orElseThrow(() -> new UsageException("sweep directory " + out
                    + " is in use by another sparsedrl sweep" + ExclusiveLock.holder(lockFile)
                    + "; wait for it to end, or use another --out"));
        } catch (IOException e) {
            throw new UsageException("cannot use sweep directory " + out + ": " + AtomicFiles.describe(e));
        }
    }

    private SweepManifest expand() {
        SweepSpec s = SweepPresets.byName(specArg);
        try {
            if (s == null) {
                Path file = Path.of(specArg);
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("'" + specArg + "' is neither a preset (" + String.join(", ", SweepPresets.names())
                            + ") nor a spec file");
                }
                s = SweepSpec.read(file);
            }
            if (games != null) {
                switch (games) {
                    case "minatar" -> s = s.withEnvs(SweepPresets.toMinatar(s.axes().env()));
                    case "atari" -> { }
                    default -> throw new UsageException("--games must be atari or minatar, got '" + games + "'");
                }
            }
            if (onlyEnvs != null) {
                s = s.withEnvs(keptEnvs(s.axes().env()));
            }
            if (seeds != null) {
                if (seeds < 1) {
                    throw new UsageException("--seeds must be at least 1");
                }
                s = s.withSeeds(seeds);
            }
            if (frames != null) {
                s = s.withFrames(frames);
            }
            if (!flags.isEmpty()) {
                Map<String, String> m = new LinkedHashMap<>();
                for (String f : flags) {
                    int eq = f.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--flag expects KEY=VALUE, got '" + f + "'");
                    }
                    m.put(f.substring(0, eq), f.substring(eq + 1));
                }
                s = s.withBase(m);
            }
            SweepManifest m = GridExpander.expand(s, scale);
            checkTrainArguments(m);
            return m;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Resolves every run's train command line as train would (flags, values, conflicts such as
     * --frames with --iterations and --train-steps), so that a bad --flag or spec fails here rather
     * than in every run.
     */
    private static void checkTrainArguments(SweepManifest m) {
        TrainCommand.DryRun train = new TrainCommand.DryRun();
        // seeds (numbers from the spec) cannot make a command line fail: one check per seed group
        java.util.Set<String> checked = new java.util.HashSet<>();
        for (RunEntry r : m.runs()) {
            if (!checked.add(r.config() + " " + r.configOverrides())) {
                continue;
            }
            List<String> args = new ArrayList<>(r.trainArgs());
            args.addAll(List.of("--out", "sweep-check", "--force"));
            try {
                train.resolve(args, ConfigResolver.JSON.valueToTree(r.configOverrides()));
            } catch (UsageException e) {
                throw new UsageException("run " + r.id() + " would fail: train " + String.join(" ", r.trainArgs())
                        + ": " + e.getMessage());
            }
        }
    }

    /** The grid's environments that --envs names, in the grid's order; a name not in the grid is an error. */
    private List<String> keptEnvs(List<String> grid) {
        for (String e : onlyEnvs) {
            if (!grid.contains(e)) {
                throw new UsageException("--envs: '" + e + "' is not in this grid (" + String.join(", ", grid) + ")");
            }
        }
        return grid.stream().filter(onlyEnvs::contains).toList();
    }

    /** Writes sweep.json, refusing a directory that already holds a different grid. */
    private void prepareDirectory(SweepManifest manifest) throws IOException {
        if (SweepManifest.exists(out)) {
            SweepManifest old;
            try {
                old = SweepManifest.read(out);
            } catch (IOException e) {
                throw new UsageException(out + " has an unreadable " + SweepManifest.FILE + ": " + e.getMessage());
            }
            if (!old.sameRuns(manifest)) {
                throw new UsageException(out + " already holds a different sweep ('" + old.name() + "', "
                        + old.runs().size() + " runs); use another --out");
            }
            return;
        }
        manifest.write(out);
    }

    private int slurm(PrintStream o, SweepManifest manifest, JavaRunLauncher launcher, SlurmOptions opts)
            throws Exception {
        List<Integer> todo = manifest.runs().stream()
                .filter(r -> RunState.of(SweepManifest.runDir(out, r)) != RunState.FINISHED)
                .map(RunEntry::index).toList();
        if (todo.isEmpty()) {
            o.printf("all %d runs finished; nothing to submit%n", manifest.runs().size());
            return SparseDrl.EXIT_OK;
        }
        if (!noSubmit) {
            List<String> active = SlurmExecutor.activeJobs(out);
            if (!active.isEmpty()) {
                throw new UsageException("job " + String.join(", ", active) + " of this sweep is still queued or running;"
                        + " submitting again would run its runs twice: wait for it to end (or scancel it) first");
            }
        }
        SlurmExecutor slurm = new SlurmExecutor(launcher.prefix());
        Path script = slurm.writeScript(out, manifest.name(), todo, opts);
        o.printf("wrote %s (%d array tasks)%n", script, todo.size());
        if (noSubmit) {
            return SparseDrl.EXIT_OK;
        }
        String job = slurm.submit(script);
        o.printf("submitted job array %s%n", job);
        if (!await) {
            return SparseDrl.EXIT_OK;
        }
        if (!slurm.waitFor(job, Duration.ofSeconds(waitTimeout), o)) {
            o.printf("job %s still queued or running after %d s%n", job, waitTimeout);
            return SparseDrl.EXIT_FAILURE;
        }
        List<RunResult> results = new ArrayList<>();
        for (RunEntry r : manifest.runs()) {
            boolean done = RunState.of(SweepManifest.runDir(out, r)) == RunState.FINISHED;
            results.add(new RunResult(r, done ? RunResult.Outcome.COMPLETED : RunResult.Outcome.FAILED,
                    done ? "" : "not finished; see " + RunTask.logFile(out, r) + " and " + out.resolve("slurm")));
        }
        return report(o, results);
    }

    /** 0 when every run is finished, 3 when a signal stopped the sweep, else 1. */
    private static int report(PrintStream o, List<RunResult> results) {
        long skipped = count(results, RunResult.Outcome.SKIPPED_FINISHED);
        long completed = count(results, RunResult.Outcome.COMPLETED);
        long stopped = count(results, RunResult.Outcome.STOPPED);
        List<RunResult> failed = results.stream().filter(RunResult::failed).toList();
        List<RunResult> busy = results.stream().filter(r -> r.outcome() == RunResult.Outcome.BUSY).toList();
        o.printf("%d runs: %d finished now, %d already finished, %d failed%s%s%n", results.size(), completed, skipped,
                failed.size(), busy.isEmpty() ? "" : ", " + busy.size() + " left to another process",
                stopped == 0 ? "" : ", " + stopped + " stopped");
        for (RunResult f : failed) {
            o.printf("FAILED %s: %s%n", f.run().id(), f.error());
        }
        for (RunResult b : busy) {
            o.printf("LEFT ALONE %s: %s%n", b.run().id(), b.error());
        }
        if (stopped > 0) {
            o.printf("stopped by a signal: running runs wrote a checkpoint; run the same sweep command again to continue%n");
            return SparseDrl.EXIT_STOPPED;
        }
        return failed.isEmpty() && busy.isEmpty() ? SparseDrl.EXIT_OK : SparseDrl.EXIT_FAILURE;
    }

    private static long count(List<RunResult> results, RunResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** One Slurm array task: brings run INDEX of the sweep to completion (hidden; used by the sbatch script). */
    @Command(name = "run-task", hidden = true, mixinStandardHelpOptions = true,
            description = "Skip, resume or train run INDEX of SWEEP_DIR/sweep.json.")
    static final class RunTaskCommand implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SWEEP_DIR")
        Path sweepDir;

        @Parameters(index = "1", paramLabel = "INDEX")
        int index;

        @Override
        public Integer call() throws Exception {
            SweepManifest m;
            try {
                m = SweepManifest.read(sweepDir);
            } catch (IOException e) {
                throw new UsageException(e.getMessage());
            }
            if (index < 0 || index >= m.runs().size()) {
                throw new UsageException("INDEX " + index + " is outside the sweep's 0.." + (m.runs().size() - 1));
            }
            RunEntry run = m.runs().get(index);
            System.out.println("run-task " + index + ": " + run.id() + " (log " + RunTask.logFile(sweepDir, run) + ")");
            RunTask task = new RunTask(sweepDir, JavaRunLauncher.ofThisApplication());
            try (StopSignals stop = StopSignals.install(System.err, task::stop, "TERM", "INT",
                    SlurmExecutor.TIME_LIMIT_SIGNAL)) {
                RunResult r = task.run(run);
                System.out.println("run-task " + index + ": " + r.outcome() + (r.error().isEmpty() ? "" : " " + r.error()));
                if (r.outcome() == RunResult.Outcome.STOPPED) {
                    if (("SIG" + SlurmExecutor.TIME_LIMIT_SIGNAL).equals(stop.stopSignal())) {
                        // the time limit is near: come back later and continue from the checkpoint
                        System.out.println("run-task " + index + ": " + SlurmExecutor.requeueThisTask());
                    }
                    return SparseDrl.EXIT_STOPPED;
                }
                // BUSY: the process that holds the run brings it to its end
                return r.failed() ? SparseDrl.EXIT_FAILURE : SparseDrl.EXIT_OK;
            }
        }
    }
}
