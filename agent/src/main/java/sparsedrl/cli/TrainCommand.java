package sparsedrl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparsedrl.agent.config.ConfigResolver;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.agent.run.BackendOpener;
import sparsedrl.agent.run.InsufficientResourcesException;
import sparsedrl.agent.run.RunComponents;
import sparsedrl.agent.run.RunDirectory;
import sparsedrl.agent.run.StopSignals;
import sparsedrl.agent.run.TrainingSession;
import sparsedrl.tasks.backend.Backend;

/**
 * {@code sparsedrl train}: every {@link RunConfig} field is a flag (kebab-case of the field name);
 * a flag given explicitly beats the config file, which beats the environment's preset.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train one DQN agent (dense or sparse) and write metrics, checkpoints and a plot to a run directory.",
            "Defaults: the Dopamine DQN preset for atari:* and the MinAtar preset for minatar:* (SPEC.md 2, 4, 7);",
            "a --config JSON file overrides the preset and explicit flags override the file.",
            "SIGTERM or SIGINT: the run finishes its current step, writes a checkpoint and exits with 3 ('sparsedrl resume' continues it)."})
public final class TrainCommand implements Callable<Integer> {
    /** Fields below that are not part of RunConfig. */
    private static final Set<String> NOT_CONFIG = Set.of("config", "out", "force", "spec");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    EmulatorOptions emulator = new EmulatorOptions();

    @Option(names = "--config", paramLabel = "FILE", description = "JSON file of config values (keys as in config.json)")
    Path config;

    @Option(names = "--out", paramLabel = "RUN_DIR",
            description = "run directory (default runs/<env>-<method>-<sparsity>-s<seed>-<time>)")
    Path out;

    @Option(names = "--force", description = "replace an existing run directory that sparsedrl created and no process "
            + "is using (nothing else is ever deleted)")
    boolean force;

    @Option(names = "--env", description = "environment: minatar:<game> or atari:<game> (default minatar:breakout)")
    String env;
    @Option(names = "--seed", description = "run seed (default 0)")
    Long seed;
    @Option(names = "--backend", description = "jvm or tornado (default jvm)")
    String backend;
    @Option(names = "--device", paramLabel = "D:I", description = "TornadoVM device driver:index (default: its first device)")
    String device;
    @Option(names = "--threads", description = "JVM backend threads (default 0 = all cores)")
    Integer threads;
    @Option(names = "--iterations", description = "iterations (Atari 40, MinAtar 50)")
    Integer iterations;
    @Option(names = "--train-steps", description = "training agent steps per iteration (Atari 250000, MinAtar 100000)")
    Long trainSteps;
    @Option(names = "--eval-steps", description = "evaluation agent steps per iteration (Atari 125000, MinAtar 25000)")
    Long evalSteps;
    @Option(names = "--frames", description = "total training frames; derives --train-steps keeping the preset's shape")
    Long frames;
    @Option(names = "--gamma", description = "discount (0.99)")
    Double gamma;
    @Option(names = "--batch-size", description = "minibatch (32)")
    Integer batchSize;
    @Option(names = "--replay-capacity", description = "replay entries (Atari 1000000, MinAtar 100000)")
    Integer replayCapacity;
    @Option(names = "--min-replay", description = "learning starts after this many steps (Atari 20000, MinAtar 5000)")
    Long minReplay;
    @Option(names = "--update-period", description = "agent steps per gradient update (Atari 4, MinAtar 1)")
    Integer updatePeriod;
    @Option(names = "--target-update-period", description = "agent steps per target copy (Atari 8000, MinAtar 1000)")
    Long targetUpdatePeriod;
    @Option(names = "--epsilon-start", description = "initial training epsilon (1.0)")
    Double epsilonStart;
    @Option(names = {"--epsilon-end", "--epsilon-train"}, description = "final training epsilon (Atari 0.01, MinAtar 0.1)")
    Double epsilonEnd;
    @Option(names = "--epsilon-warmup", description = "steps at the initial epsilon (Atari 20000, MinAtar 5000)")
    Long epsilonWarmup;
    @Option(names = "--epsilon-decay", description = "steps of the linear decay (Atari 250000, MinAtar 100000)")
    Long epsilonDecay;
    @Option(names = "--epsilon-eval", description = "evaluation epsilon (0.001)")
    Double epsilonEval;
    @Option(names = {"--lr", "--learning-rate"}, description = "Adam learning rate (Atari 6.25e-5, MinAtar 1e-4)")
    Double learningRate;
    @Option(names = "--adam-beta1", description = "Adam beta1 (0.9)")
    Double adamBeta1;
    @Option(names = "--adam-beta2", description = "Adam beta2 (0.999)")
    Double adamBeta2;
    @Option(names = "--adam-epsilon", description = "Adam epsilon, outside the square root (1.5e-4)")
    Double adamEpsilon;
    @Option(names = "--loss", description = "mse or huber (Atari mse, MinAtar huber)")
    String loss;
    @Option(names = "--reward-clip", negatable = true, description = "clip learning rewards to [-1,1] (Atari on, MinAtar off)")
    Boolean rewardClip;
    @Option(names = "--padding", description = "Nature-net conv padding: same or valid (same)")
    String padding;
    @Option(names = "--sticky-actions", description = "sticky-action probability (-1 = env default: Atari 0.25, MinAtar 0.1)")
    Double stickyActions;
    @Option(names = "--method", description = "dense, prune, rigl, set or static (dense)")
    String method;
    @Option(names = "--sparsity", description = "target sparsity in [0,1) (required by sparse methods)")
    Double sparsity;
    @Option(names = "--distribution", description = "erk or uniform (erk)")
    String distribution;
    @Option(names = "--sparse-start", description = "fraction of updates where sparse training starts (0.2)")
    Double sparseStart;
    @Option(names = "--sparse-end", description = "fraction of updates after which the mask is frozen (0.8)")
    Double sparseEnd;
    @Option(names = "--mask-update-every", description = "pruning mask period in updates (1000)")
    Long maskUpdateEvery;
    @Option(names = "--topology-update-every", description = "RigL/SET drop-and-grow period in updates (5000)")
    Long topologyUpdateEvery;
    @Option(names = "--drop-fraction", description = "RigL/SET initial drop fraction (0.3)")
    Double dropFraction;
    @Option(names = "--no-bias", description = "build the network without bias parameters")
    Boolean noBias;
    @Option(names = "--no-bias-layers", split = ",", paramLabel = "LAYER", description = "layers without bias, e.g. conv1,q")
    List<String> noBiasLayers;
    @Option(names = "--dormant-every", description = "updates between dormant-neuron measurements (0 = min(20000, updates/20))")
    Long dormantEvery;
    @Option(names = "--dormant-samples", description = "replay states per dormant measurement (256)")
    Integer dormantSamples;
    @Option(names = "--checkpoint-minutes", description = "also checkpoint every N minutes (30; 0 = iteration ends only)")
    Double checkpointMinutes;
    @Option(names = "--checkpoint-every-steps", hidden = true, description = "also checkpoint every N agent steps (tests)")
    Long checkpointEverySteps;

    @Override
    public Integer call() throws Exception {
        RunConfig cfg = resolveConfig(ConfigResolver.JSON.createObjectNode());
        Path dir = out != null ? out : RunDirectory.defaultPath(cfg);
        try {
            RunDirectory.checkCanCreate(dir, force); // fast refusal before environments and replay are built
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (StopSignals stop = StopSignals.forTraining(System.err); Backend backend = BackendOpener.open(cfg)) {
            return SparseDrl.exitCode(TrainingSession.start(cfg, dir, false, backend,
                    RunComponents.environments(cfg, emulator::applyTo), () -> createDirectory(dir), stop,
                    spec.commandLine().getOut(), System.err));
        } catch (InsufficientResourcesException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private RunDirectory createDirectory(Path dir) {
        try {
            return RunDirectory.createNew(dir, force);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Resolves {@code sparsedrl train} command lines without running anything: a sweep checks each
     * run's command line with it before it writes or submits anything. One instance parses many.
     */
    public static final class DryRun {
        private final TrainCommand command = new TrainCommand();
        private final CommandLine commandLine = new CommandLine(command);

        /**
         * The configuration {@code sparsedrl train ARGS} would run with.
         *
         * @param fileValues the values the command gets through its --config file (may be empty)
         * @throws UsageException for anything train would refuse as bad usage
         */
        public RunConfig resolve(List<String> args, ObjectNode fileValues) {
            try {
                commandLine.parseArgs(args.toArray(String[]::new)); // resets every option first
            } catch (CommandLine.ParameterException e) {
                throw new UsageException(e.getMessage());
            }
            return command.resolveConfig(fileValues);
        }
    }

    /** Preset, then {@code fileValues} and the --config file, then the explicit flags. */
    private RunConfig resolveConfig(ObjectNode fileValues) {
        try {
            ObjectNode file = config != null ? ConfigResolver.readFile(config) : ConfigResolver.JSON.createObjectNode();
            file.setAll(fileValues);
            return ConfigResolver.resolve(file, explicitFlags());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The flags given on the command line, keyed by RunConfig field name. */
    private ObjectNode explicitFlags() {
        ObjectNode node = ConfigResolver.JSON.createObjectNode();
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            // mixin options (EmulatorOptions) are machine-local, never part of the run's config
            if (!pr.hasMatchedOption(o) || !(o.userObject() instanceof Field f) || NOT_CONFIG.contains(f.getName())
                    || f.getDeclaringClass() != TrainCommand.class) {
                continue;
            }
            node.set(f.getName(), ConfigResolver.JSON.valueToTree(o.getValue()));
        }
        return node;
    }
}
