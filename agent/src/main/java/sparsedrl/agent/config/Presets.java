package sparsedrl.agent.config;

import java.util.List;

/**
 * Default configurations by environment family. {@code atari:*}: Dopamine JAX DQN (SPEC.md sections
 * 2 and 4). {@code minatar:*}: the MinAtar reference DQN (section 7: Huber, replay 100k, update every
 * step, target every 1,000 updates, epsilon 1.0 to 0.1 over 100k frames after 5,000) with Adam in
 * place of the reference's RMSProp, lr 1e-4; 50 iterations of 100k training + 25k evaluation steps
 * make the reference's 5M frames.
 */
public final class Presets {
    public static final String ATARI_PREFIX = "atari:";
    public static final String MINATAR_PREFIX = "minatar:";

    private Presets() {
    }

    public static RunConfig forEnv(String env) {
        if (env.startsWith(ATARI_PREFIX)) {
            return dopamineAtari(env);
        }
        if (env.startsWith(MINATAR_PREFIX)) {
            return minatar(env);
        }
        throw new IllegalArgumentException("unknown environment '" + env
                + "': ids start with atari: (e.g. atari:pong) or minatar: (e.g. minatar:breakout)");
    }

    static RunConfig dopamineAtari(String env) {
        return new RunConfig(env, 0, "jvm", null, 0,
                40, 250_000, 125_000, 0,
                0.99, 32, 1_000_000, 20_000, 4, 8_000,
                1.0, 0.01, 20_000, 250_000, 0.001,
                6.25e-5, 0.9, 0.999, 1.5e-4, "mse", true, "same", -1,
                "dense", 0.0, "erk", 0.2, 0.8, 1_000, 5_000, 0.3, false, List.of(), 0, 256,
                30, 0);
    }

    static RunConfig minatar(String env) {
        return new RunConfig(env, 0, "jvm", null, 0,
                50, 100_000, 25_000, 0,
                0.99, 32, 100_000, 5_000, 1, 1_000,
                1.0, 0.1, 5_000, 100_000, 0.001,
                1e-4, 0.9, 0.999, 1.5e-4, "huber", false, "valid", -1,
                "dense", 0.0, "erk", 0.2, 0.8, 1_000, 5_000, 0.3, false, List.of(), 0, 256,
                30, 0);
    }
}
