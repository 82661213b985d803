package sparsedrl.agent.env.minatar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;
import sparsedrl.tasks.random.SplitMix64;

/**
 * Single-threaded agent steps per second of each game under random actions (observation included).
 * A measurement, so tagged slow: {@code mvn -pl agent test -Dtest=MinAtarThroughputTest -Dsurefire.excludedGroups=}.
 * Also runnable as a program: {@code java -cp agent/target/classes:agent/target/test-classes
 * sparsedrl.agent.env.minatar.MinAtarThroughputTest [steps]}.
 */
@Tag("slow")
class MinAtarThroughputTest {
    /** The project's target is well over 100k steps/s; the assertion leaves room for a loaded machine. */
    private static final double FLOOR = 100_000;

    @Test
    void everyGameRunsWellOverAHundredThousandStepsPerSecond() {
        for (String game : MinAtarEnvironment.GAMES) {
            double rate = stepsPerSecond(game, 2_000_000);
            assertTrue(rate > FLOOR, game + ": " + Math.round(rate) + " steps/s");
        }
    }

    static double stepsPerSecond(String game, int steps) {
        try (MinAtarEnvironment env = MinAtarEnvironment.create(game, EnvConfig.defaults())) {
            env.reset(1);
            SplitMix64 actions = new SplitMix64(2);
            run(env, actions, steps / 4); // warm-up for the JIT
            long start = System.nanoTime();
            long checksum = run(env, actions, steps);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = steps / seconds;
            System.out.printf("minatar:%-14s %,12.0f steps/s (%,d steps, checksum %d)%n", game, rate, steps, checksum);
            return rate;
        }
    }

    private static long run(Environment env, SplitMix64 actions, int steps) {
        long checksum = 0;
        for (int t = 0; t < steps; t++) {
            Environment.Step step = env.step(actions.nextInt(6));
            checksum += env.observation()[t % 100] + (long) step.reward();
            if (step.done()) {
                env.reset();
            }
        }
        return checksum;
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        for (String game : MinAtarEnvironment.GAMES) {
            stepsPerSecond(game, steps);
        }
    }
}
