package sparsedrl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;
import sparsedrl.agent.env.Environments;
import sparsedrl.agent.env.atari.AleRawBenchmark;
import sparsedrl.agent.env.atari.AtariSettings;
import sparsedrl.agent.roms.RomDirectory;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Agent steps per second (with preprocessing) and raw emulator frames per second.",
            "Random actions, one thread. For minatar:* ids a frame is an agent step."})
public final class BenchEnvCommand implements Callable<Integer> {
    /** Timed rounds per measurement: the fastest gives the rates, the median of the paired ratios the overhead. */
    private static final int ROUNDS = 9;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID",
            description = "Environment id, e.g. atari:pong or minatar:breakout.")
    String envId;

    @Option(names = "--steps", defaultValue = "10000", paramLabel = "N",
            description = "Timed agent steps, in 9 rounds alternating with the raw emulator (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "1000", paramLabel = "N",
            description = "Untimed agent steps first, for the JIT (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the environment and the random actions.")
    long seed;

    @Option(names = "--rom-dir", paramLabel = "DIR", description = "Atari ROM folder (default: $SPARSEDRL_ROMS, else ./roms).")
    Path romDir;

    @Option(names = "--ale-log", description = "Show ALE's banner and console log.")
    boolean aleLog;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        if (steps < 1 || warmup < 0) {
            throw new UsageException("--steps must be at least 1 and --warmup at least 0");
        }
        Environments.EnvId id;
        try {
            id = Environments.parse(envId);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        EnvConfig config = EnvConfig.defaults().withRomDir(RomDirectory.resolve(romDir)).withAleLog(aleLog);
        boolean atari = id.family().equals(Environments.ATARI);
        int framesPerStep = atari ? config.frameSkip() : 1;
        // The two measurements alternate in rounds, so load from other processes, which comes and
        // goes, hits both alike. The raw emulator plays the same seed and actions as the environment
        // (AleRawBenchmark): in each round both emulate the same frames, and the round's time ratio
        // is the preprocessing alone. The overhead is the median of these paired ratios; the rates are
        // each measurement's fastest round.
        int perRound = Math.max(1, steps / ROUNDS);
        double[] stepSeconds = new double[ROUNDS];
        double[] rawSeconds = new double[ROUNDS];
        long[] rawFrames = new long[ROUNDS];
        try (Environment env = Environments.create(id.toString(), config);
                AleRawBenchmark raw = atari ? new AleRawBenchmark(id.game(), AtariSettings.from(config), seed) : null) {
            env.reset(seed);
            SplittableRandom rng = new SplittableRandom(seed);
            play(env, rng, warmup);
            if (raw != null) {
                raw.play(warmup);
            }
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                play(env, rng, perRound);
                stepSeconds[round] = (System.nanoTime() - start) / 1e9;
                if (raw != null) {
                    long frames = raw.frames();
                    start = System.nanoTime();
                    raw.play(perRound);
                    rawSeconds[round] = (System.nanoTime() - start) / 1e9;
                    rawFrames[round] = raw.frames() - frames;
                }
            }
        }
        int fastestStep = argMin(stepSeconds);
        int fastestRaw = argMin(rawSeconds);
        double stepsPerSecond = perRound / stepSeconds[fastestStep];
        double framesPerSecond = atari ? rawFrames[fastestRaw] / rawSeconds[fastestRaw] : stepsPerSecond;

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("env", id.toString());
        result.put("steps", steps);
        result.put("steps_per_s", round(stepsPerSecond));
        result.put("frames_per_step", framesPerStep);
        result.put("frames_per_s", round(framesPerSecond));
        // What preprocessing (screen reads, pooling, resize, stack) adds on top of the raw emulator:
        // extra time over the emulator's time for the same frames, and that extra as a share of a step.
        double onTop = Double.NaN;
        double share = Double.NaN;
        if (atari) {
            double[] ratios = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                ratios[r] = stepSeconds[r] / rawSeconds[r];
            }
            double ratio = new Median().evaluate(ratios);
            onTop = ratio - 1;
            share = 1 - 1 / ratio;
        }
        result.put("preprocessing_overhead", atari ? round(onTop) : null);
        result.put("preprocessing_share_of_step", atari ? round(share) : null);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(result));
        } else {
            out.printf("%s: %,.0f agent steps/s with preprocessing (%,.0f frames/s at %d frames per step)%n",
                    id, stepsPerSecond, stepsPerSecond * framesPerStep, framesPerStep);
            if (atari) {
                out.printf("raw emulator: %,.0f frames/s; preprocessing adds %.1f%% on top (%.1f%% of a step)%n",
                        framesPerSecond, 100 * onTop, 100 * share);
            } else {
                out.println("(MinAtar: one frame per agent step, no separate emulator)");
            }
        }
        return SparseDrl.EXIT_OK;
    }

    private static void play(Environment env, SplittableRandom rng, int steps) {
        for (int i = 0; i < steps; i++) {
            if (env.step(rng.nextInt(env.actionCount())).done()) {
                env.reset();
            }
        }
    }

    private static int argMin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
