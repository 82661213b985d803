package sparsedrl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
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
    /** Timed rounds per measurement; the fastest counts. */
    private static final int ROUNDS = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID",
            description = "Environment id, e.g. atari:pong or minatar:breakout.")
    String envId;

    @Option(names = "--steps", defaultValue = "10000", paramLabel = "N",
            description = "Timed agent steps, in 5 rounds alternating with the raw emulator (default ${DEFAULT-VALUE}).")
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
        double stepsPerSecond;
        double framesPerSecond;
        // The two measurements alternate in rounds and each keeps its fastest round, so that load
        // from other processes, which comes and goes, biases neither the rates nor their ratio.
        try (Environment env = Environments.create(id.toString(), config);
                AleRawBenchmark raw = atari ? new AleRawBenchmark(id.game(), AtariSettings.from(config), seed) : null) {
            env.reset(seed);
            SplittableRandom rng = new SplittableRandom(seed);
            play(env, rng, warmup);
            if (raw != null) {
                raw.play(warmup * framesPerStep);
            }
            int perRound = Math.max(1, steps / ROUNDS);
            double bestStepSeconds = Double.MAX_VALUE;
            double bestRawSeconds = Double.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                play(env, rng, perRound);
                bestStepSeconds = Math.min(bestStepSeconds, (System.nanoTime() - start) / 1e9);
                if (raw != null) {
                    start = System.nanoTime();
                    raw.play(perRound * framesPerStep);
                    bestRawSeconds = Math.min(bestRawSeconds, (System.nanoTime() - start) / 1e9);
                }
            }
            stepsPerSecond = perRound / bestStepSeconds;
            framesPerSecond = raw != null ? perRound * framesPerStep / bestRawSeconds : stepsPerSecond;
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("env", id.toString());
        result.put("steps", steps);
        result.put("steps_per_s", round(stepsPerSecond));
        result.put("frames_per_step", framesPerStep);
        result.put("frames_per_s", round(framesPerSecond));
        // What preprocessing (screen reads, pooling, resize, stack) adds on top of the raw emulator:
        // extra time per step over the emulator's time for the same frames.
        double stepSeconds = 1 / stepsPerSecond;
        double rawSeconds = framesPerStep / framesPerSecond;
        double onTop = (stepSeconds - rawSeconds) / rawSeconds;
        double share = (stepSeconds - rawSeconds) / stepSeconds;
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

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
