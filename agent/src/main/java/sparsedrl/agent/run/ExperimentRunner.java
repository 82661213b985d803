package sparsedrl.agent.run;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparsedrl.agent.config.ConfigResolver;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.agent.dqn.DqnAgent;
import sparsedrl.agent.dqn.NetworkStateIO;
import sparsedrl.agent.env.Environment;
import sparsedrl.agent.replay.ReplayBuffer;
import sparsedrl.tasks.random.SplitMix64;
import sparsedrl.analysis.AtomicFiles;
import sparsedrl.sparsity.DormantNeurons;
import sparsedrl.sparsity.SparsityMethod;
import sparsedrl.sparsity.SparsityMethods;
import sparsedrl.sparsity.SparsityMetrics;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;

/**
 * Dopamine's runner: iterations of a training phase then an evaluation phase, each running whole
 * episodes until its step budget is reached; metrics per iteration; checkpoints at every iteration
 * end, every {@code checkpointMinutes} and every {@code checkpointEverySteps} agent steps.
 *
 * <p>Every piece of state that influences the numbers (network, Adam, masks, replay, random
 * streams, both environments, the position inside the phase and the episode in progress) is in the
 * checkpoint, and a checkpoint is only taken between two agent steps, so a resumed run continues
 * exactly where the checkpoint was taken: results are bit-identical to an uninterrupted run.
 *
 * <p>A stop request (a signal) is answered between two agent steps with a checkpoint of that point
 * and a {@link RunStoppedException}. A loss or weight that is NaN or infinite stops the run with an
 * IllegalStateException naming the iteration; checkpoints are written only of finite weights, so the
 * last one kept is good.
 */
public final class ExperimentRunner implements AutoCloseable {
    private static final String MAGIC = "SDRLCKP1";
    private static final int TRAIN = 0;
    private static final int EVAL = 1;
    /** Name of the final network file (all NetworkState arrays, NetworkStateIO format). */
    public static final String FINAL_NETWORK = "final-network.bin";

    private final RunConfig cfg;
    private final String configJson;
    private final Path runDir;
    private final PrintStream log;
    private final Environment trainEnv;
    private final Environment evalEnv;
    private final NetworkSpec spec;
    private final QNetwork net;
    private final SparsityMethod sparsity;
    private final ReplayBuffer replay;
    private final DqnAgent agent;
    private final DormantNeurons dormant;
    private final List<String> dormantColumns;
    private final List<String> sparsityColumns;
    private final byte[] dormantStates;
    private final SplitMix64 dormantRng;
    private final MetricsLog metrics;
    private final CheckpointStore checkpoints;
    private final long dormantEvery;

    // Position of the run; all of it is checkpointed.
    private int iteration;
    private int phase = TRAIN;
    private long phaseSteps;
    private boolean episodeActive;
    private double episodeReturn;
    private double phaseReturnSum;
    private long phaseEpisodes;
    private double trainReturnMean = Double.NaN;
    private long trainEpisodes;
    private double lossSum;
    private long lossCount;
    private long agentSteps;
    private boolean trainEnvSeeded;
    private boolean evalEnvSeeded;
    private double[] dormantLatest;
    private double wallSecondsBefore;
    private String lastReturns = "no returns yet";
    private StopRequest stop = StopRequest.NEVER;

    // Wall-clock bookkeeping (not checkpointed: it cannot influence results).
    private final long startNanos = System.nanoTime();
    private long iterationStartNanos = System.nanoTime();
    private long iterationStartSteps;
    private long iterationStartUpdates;
    private long lastCheckpointNanos = System.nanoTime();
    private Path lastCheckpoint;
    private long lastCheckpointStep = -1;

    public ExperimentRunner(RunConfig cfg, Path runDir, Backend backend, EnvFactory envs, PrintStream log) {
        this.cfg = cfg;
        this.configJson = ConfigResolver.toJson(cfg);
        this.runDir = runDir;
        this.log = log;
        this.trainEnv = envs.create(cfg.env());
        this.evalEnv = envs.create(cfg.env());
        this.spec = RunComponents.network(cfg, trainEnv.shape(), trainEnv.actionCount());
        this.net = backend.create(spec, cfg.batchSize(), RunComponents.adam(cfg), RunComponents.loss(cfg));
        this.sparsity = SparsityMethods.create(RunComponents.sparsity(cfg), spec, cfg.totalUpdates(),
                SplitMix64.derive(cfg.seed(), "sparsity"));
        this.checkpoints = new CheckpointStore(runDir.resolve(RunDirectory.CHECKPOINTS));
        try {
            checkResources(RunNeeds.of(cfg.replayCapacity(), trainEnv.shape(), NetworkStateIO.bytes(net.state())), log);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.replay = new ReplayBuffer(cfg.replayCapacity(), trainEnv.shape());
        this.agent = new DqnAgent(net, replay, sparsity, RunComponents.dqn(cfg), cfg.seed());
        this.dormant = new DormantNeurons(spec);
        this.dormantEvery = cfg.resolvedDormantEvery();
        this.dormantStates = new byte[cfg.dormantSamples() * spec.inputSize()];
        this.dormantRng = new SplitMix64(SplitMix64.derive(cfg.seed(), "dormant"));
        this.dormantColumns = dormantColumnNames(spec);
        this.sparsityColumns = List.copyOf(SparsityMetrics.columns(net.state()).keySet());
        this.dormantLatest = new double[dormantColumns.size()];
        java.util.Arrays.fill(dormantLatest, Double.NaN);
        List<String> extra = new ArrayList<>(sparsityColumns);
        extra.addAll(dormantColumns);
        this.metrics = new MetricsLog(extra);
    }

    /** Creates the environments of a run (one for training, one for evaluation). */
    @FunctionalInterface
    public interface EnvFactory {
        Environment create(String id);
    }

    /**
     * Prints what the run needs and refuses it (InsufficientResourcesException) when memory or disk
     * cannot hold it: before the replay buffer is allocated and before the run writes anything.
     */
    private void checkResources(RunNeeds needs, PrintStream log) {
        long existing = 0;
        long usable;
        try {
            for (Path p : checkpoints.checkpoints()) {
                existing += Files.size(p);
            }
            usable = RunNeeds.usableSpace(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the disk space of " + runDir, e);
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        log.println(needs.describe(runDir, existing, maxHeap, usable));
        needs.requireMemory(maxHeap, RunNeeds.machineMemory());
        needs.requireDisk(runDir, existing, usable);
    }

    private static List<String> dormantColumnNames(NetworkSpec spec) {
        double[][] means = new double[spec.hiddenLayers().size()][];
        for (int l = 0; l < means.length; l++) {
            means[l] = new double[spec.hiddenLayers().get(l).outC()];
            java.util.Arrays.fill(means[l], 1.0);
        }
        return List.copyOf(new DormantNeurons(spec).fractions(means).keySet());
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** Whether the run has taken an agent step (in this or an earlier session). */
    public boolean started() {
        return agentSteps > 0;
    }

    public MetricsLog metrics() {
        return metrics;
    }

    /** Initialises a fresh run: Xavier weights from the seed, then the method's initial masks. */
    public void initializeFresh() {
        net.state().initXavier(SplitMix64.derive(cfg.seed(), "init"));
        net.push();
        sparsity.initialize(net);
    }

    /**
     * Restores the newest usable checkpoint; a fresh start when there is none.
     *
     * @return the checkpoint used, or null when the run starts from the beginning
     */
    public Path resume() throws IOException {
        boolean any = !checkpoints.checkpoints().isEmpty();
        Path used = checkpoints.loadNewest(this::readCheckpoint, this::initializeFresh, log);
        if (used == null && any) {
            // never silently start over on top of a run that had progress
            throw new IllegalStateException("no usable checkpoint in " + checkpoints.dir()
                    + "; the run cannot continue (start it again with 'sparsedrl train --force --out " + runDir + "')");
        }
        if (used == null) {
            log.println("sparsedrl: no checkpoint yet in " + runDir + "; starting the run from the beginning");
            initializeFresh();
            return null;
        }
        lastCheckpoint = used;
        lastCheckpointStep = agentSteps;
        log.println("sparsedrl: resumed from " + used + " (" + position() + ")");
        metrics.write(runDir);
        return used;
    }

    /** Runs the remaining iterations and writes the final files; returns the result record. */
    public RunResult run(Progress progress) throws IOException {
        return run(progress, StopRequest.NEVER);
    }

    /**
     * As {@link #run(Progress)}; when {@code stop} asks, stops between two agent steps with a
     * checkpoint of that point and throws {@link RunStoppedException}.
     */
    public RunResult run(Progress progress, StopRequest stop) throws IOException {
        this.stop = stop;
        iterationStartNanos = System.nanoTime();
        iterationStartSteps = agentSteps;
        iterationStartUpdates = agent.updates();
        while (iteration < cfg.iterations()) {
            if (phase == TRAIN) {
                runPhase(trainEnv, false, cfg.trainSteps(), progress);
                trainReturnMean = phaseEpisodes > 0 ? phaseReturnSum / phaseEpisodes : Double.NaN;
                trainEpisodes = phaseEpisodes;
                startPhase(EVAL);
            }
            runPhase(evalEnv, true, cfg.evalSteps(), progress);
            finishIteration(progress);
        }
        return finish();
    }

    private void startPhase(int p) {
        phase = p;
        phaseSteps = 0;
        phaseReturnSum = 0;
        phaseEpisodes = 0;
        episodeActive = false;
        episodeReturn = 0;
    }

    /** Whole episodes until the budget is reached (the episode in progress is finished). */
    private void runPhase(Environment env, boolean eval, long budget, Progress progress) throws IOException {
        while (phaseSteps < budget || episodeActive) {
            stopIfAsked();
            if (!episodeActive) {
                beginEpisode(env, eval);
            }
            int action = agent.selectAction(env.observation(), eval);
            Environment.Step step = env.step(action);
            episodeReturn += step.reward();
            if (!eval && agent.observe(action, step.reward(), step.terminal(), env.observation())) {
                afterUpdate();
            }
            phaseSteps++;
            agentSteps++;
            if (step.done()) {
                phaseReturnSum += episodeReturn;
                phaseEpisodes++;
                episodeActive = false;
                episodeReturn = 0;
            }
            if ((agentSteps & 255) == 0) {
                progress.update(trainFrames(), status(eval));
            }
            maybeCheckpoint();
        }
    }

    private void beginEpisode(Environment env, boolean eval) {
        if (eval) {
            if (evalEnvSeeded) {
                env.reset();
            } else {
                env.reset(SplitMix64.derive(cfg.seed(), "eval-env"));
                evalEnvSeeded = true;
            }
        } else {
            if (trainEnvSeeded) {
                env.reset();
            } else {
                env.reset(SplitMix64.derive(cfg.seed(), "train-env"));
                trainEnvSeeded = true;
            }
            agent.beginEpisode(env.observation());
        }
        episodeActive = true;
        episodeReturn = 0;
    }

    private void stopIfAsked() throws IOException {
        String signal = stop.stopSignal();
        if (signal == null) {
            return;
        }
        if (lastCheckpointStep != agentSteps) {
            writeCheckpoint();
        }
        throw new RunStoppedException(signal, lastCheckpoint, "in " + position());
    }

    /** Where the run stands, in words: "iteration 2/3 after 417 training steps" (iterations counted from 1). */
    private String position() {
        return String.format(Locale.ROOT, "iteration %d/%d after %d %s steps", Math.min(iteration + 1, cfg.iterations()),
                cfg.iterations(), phaseSteps, phase == TRAIN ? "training" : "evaluation");
    }

    private void afterUpdate() {
        float loss = agent.lastLoss();
        if (!Float.isFinite(loss)) {
            throw diverged("the loss of gradient update " + agent.updates() + " is " + loss);
        }
        lossSum += loss;
        lossCount++;
        if (agent.updates() % dormantEvery == 0) {
            replay.sampleStates(dormantRng, dormantStates, cfg.dormantSamples());
            Map<String, Double> d = dormant.measure(net, dormantStates, cfg.dormantSamples());
            for (int i = 0; i < dormantColumns.size(); i++) {
                dormantLatest[i] = d.get(dormantColumns.get(i));
            }
        }
    }

    /** Where the run stands (after a resume: where it continues), for progress reports and the ETA. */
    public ProgressStart progressStart() {
        return new ProgressStart(cfg.totalTrainSteps() * cfg.frameSkip(), cfg.iterations(), iteration,
                phase == TRAIN && phaseSteps == 0, trainFrames());
    }

    private long trainFrames() {
        return agent.trainSteps() * cfg.frameSkip();
    }

    private String status(boolean eval) {
        return String.format(Locale.ROOT, "it %d/%d %s, %s", iteration + 1, cfg.iterations(),
                eval ? "eval" : "train", lastReturns);
    }

    private void finishIteration(Progress progress) throws IOException {
        double evalMean = phaseEpisodes > 0 ? phaseReturnSum / phaseEpisodes : Double.NaN;
        long now = System.nanoTime();
        double secs = Math.max((now - iterationStartNanos) / 1e9, 1e-9);
        net.pull();
        Map<String, Double> sparse = SparsityMetrics.columns(net.state());
        double[] row = new double[metrics.columns().size()];
        Map<String, Double> base = new LinkedHashMap<>();
        base.put("iteration", (double) iteration);
        base.put("frames", (double) trainFrames());
        base.put("train_return", trainReturnMean);
        base.put("eval_return", evalMean);
        base.put("steps_per_s", (agentSteps - iterationStartSteps) / secs);
        base.put("updates_per_s", (agent.updates() - iterationStartUpdates) / secs);
        base.put("loss", lossCount > 0 ? lossSum / lossCount : Double.NaN);
        base.put("eval_episodes", (double) phaseEpisodes);
        base.put("train_episodes", (double) trainEpisodes);
        base.put("train_steps", (double) agent.trainSteps());
        base.put("updates", (double) agent.updates());
        base.put("epsilon", agent.trainEpsilon());
        base.put("wall_s", wallSeconds());
        for (int i = 0; i < row.length; i++) {
            String c = metrics.columns().get(i);
            Double v = base.containsKey(c) ? base.get(c) : sparse.get(c);
            if (v == null) {
                int d = dormantColumns.indexOf(c);
                v = d >= 0 ? dormantLatest[d] : Double.NaN;
            }
            row[i] = v;
        }
        metrics.add(row);
        lastReturns = String.format(Locale.ROOT, "return train %.2f eval %.2f", trainReturnMean, evalMean);
        metrics.write(runDir);
        progress.iterationDone(trainFrames(), String.format(Locale.ROOT,
                "iteration %d/%d: frames %d, train return %.2f (%d episodes), eval return %.2f (%d episodes), "
                        + "loss %.4g, sparsity %.3f, %.0f steps/s",
                iteration + 1, cfg.iterations(), trainFrames(), trainReturnMean, trainEpisodes, evalMean,
                phaseEpisodes, row[metrics.index("loss")], sparse.get("sparsity"), base.get("steps_per_s")));
        iteration++;
        startPhase(TRAIN);
        trainReturnMean = Double.NaN;
        trainEpisodes = 0;
        lossSum = 0;
        lossCount = 0;
        writeCheckpoint();
        iterationStartNanos = System.nanoTime();
        iterationStartSteps = agentSteps;
        iterationStartUpdates = agent.updates();
    }

    private double wallSeconds() {
        return wallSecondsBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    private void maybeCheckpoint() throws IOException {
        boolean bySteps = cfg.checkpointEverySteps() > 0 && agentSteps % cfg.checkpointEverySteps() == 0;
        boolean byTime = cfg.checkpointMinutes() > 0
                && System.nanoTime() - lastCheckpointNanos >= cfg.checkpointMinutes() * 60e9;
        if (bySteps || byTime) {
            writeCheckpoint();
        }
    }

    private void writeCheckpoint() throws IOException {
        net.pull();
        requireFiniteWeights();
        lastCheckpoint = checkpoints.write(this::writePayload);
        lastCheckpointStep = agentSteps;
        lastCheckpointNanos = System.nanoTime();
    }

    /** Stops a diverged run before its weights reach a checkpoint or the final network (state pulled to the host). */
    private void requireFiniteWeights() {
        for (LayerParams p : net.state().layers) {
            String bad = firstNonFinite(p.weight);
            if (bad == null && p.bias != null) {
                bad = firstNonFinite(p.bias);
            }
            if (bad != null) {
                throw diverged("a parameter of layer " + p.spec.name() + " is " + bad);
            }
        }
    }

    private static String firstNonFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return Float.toString(v);
            }
        }
        return null;
    }

    private IllegalStateException diverged(String what) {
        return new IllegalStateException("training diverged in " + position() + ": " + what + ". "
                + (lastCheckpoint == null ? "No checkpoint was written before it"
                        : "The last good checkpoint, " + lastCheckpoint + ", is kept")
                + "; a lower --lr may help");
    }

    private void writePayload(DataOutputStream out) throws IOException {
        out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
        writeBytes(out, configJson.getBytes(StandardCharsets.UTF_8));
        out.writeInt(iteration);
        out.writeInt(phase);
        out.writeLong(phaseSteps);
        out.writeBoolean(episodeActive);
        out.writeDouble(episodeReturn);
        out.writeDouble(phaseReturnSum);
        out.writeLong(phaseEpisodes);
        out.writeDouble(trainReturnMean);
        out.writeLong(trainEpisodes);
        out.writeDouble(lossSum);
        out.writeLong(lossCount);
        out.writeLong(agentSteps);
        out.writeBoolean(trainEnvSeeded);
        out.writeBoolean(evalEnvSeeded);
        out.writeLong(dormantRng.state());
        out.writeInt(dormantLatest.length);
        for (double v : dormantLatest) {
            out.writeDouble(v);
        }
        out.writeDouble(wallSeconds());
        agent.saveCounters(out);
        NetworkStateIO.save(net.state(), out);
        writeBytes(out, sparsity.saveState());
        writeBytes(out, trainEnvSeeded ? trainEnv.saveState() : new byte[0]);
        writeBytes(out, evalEnvSeeded ? evalEnv.saveState() : new byte[0]);
        metrics.save(out);
        replay.save(out);
    }

    private void readCheckpoint(DataInputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length());
        if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new IOException("not a sparsedrl checkpoint");
        }
        String savedConfig = new String(readBytes(in), StandardCharsets.UTF_8);
        if (!savedConfig.equals(configJson)) {
            throw new IOException("it was written with a different configuration than " + runDir.resolve("config.json"));
        }
        iteration = in.readInt();
        phase = in.readInt();
        phaseSteps = in.readLong();
        episodeActive = in.readBoolean();
        episodeReturn = in.readDouble();
        phaseReturnSum = in.readDouble();
        phaseEpisodes = in.readLong();
        trainReturnMean = in.readDouble();
        trainEpisodes = in.readLong();
        lossSum = in.readDouble();
        lossCount = in.readLong();
        agentSteps = in.readLong();
        trainEnvSeeded = in.readBoolean();
        evalEnvSeeded = in.readBoolean();
        dormantRng.setState(in.readLong());
        int nd = in.readInt();
        if (nd != dormantLatest.length) {
            throw new IOException("dormant columns differ");
        }
        for (int i = 0; i < nd; i++) {
            dormantLatest[i] = in.readDouble();
        }
        wallSecondsBefore = in.readDouble();
        agent.loadCounters(in);
        NetworkStateIO.load(net.state(), in);
        net.push();
        sparsity.restoreState(readBytes(in));
        byte[] te = readBytes(in);
        if (trainEnvSeeded) {
            trainEnv.restoreState(te);
        }
        byte[] ee = readBytes(in);
        if (evalEnvSeeded) {
            evalEnv.restoreState(ee);
        }
        metrics.load(in);
        replay.load(in);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new IOException("bad section length " + n);
        }
        return in.readNBytes(n);
    }

    private RunResult finish() throws IOException {
        net.pull();
        requireFiniteWeights();
        AtomicFiles.write(runDir.resolve(FINAL_NETWORK), os -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os, 1 << 20));
            NetworkStateIO.save(net.state(), out);
            out.flush();
        });
        RunResult result = RunResult.from(cfg, metrics, wallSeconds());
        AtomicFiles.writeString(runDir.resolve(RunResult.FILE), ConfigResolver.JSON.writeValueAsString(result));
        return result;
    }

    @Override
    public void close() {
        net.close();
        trainEnv.close();
        evalEnv.close();
    }
}
