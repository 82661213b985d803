package sparsedrl.agent.config;

import java.util.List;

/**
 * Everything that defines a training run, resolved (preset, then config file, then flags) and saved
 * as {@code RUN_DIR/config.json}. Defaults are the Dopamine JAX DQN values (SPEC.md sections 2 and 4)
 * for {@code atari:*} and the MinAtar reference values (section 7) for {@code minatar:*}; see
 * {@link Presets}. Step counts are agent steps unless a name says otherwise.
 *
 * @param env                environment id, e.g. minatar:breakout or atari:pong
 * @param seed               run seed; every random stream (init, agent, replay, envs, masks) derives from it
 * @param backend            where the network runs: jvm or tornado
 * @param device             TornadoVM device as driver:index (tornado backend only; null = its default)
 * @param threads            JVM backend worker threads (0 = all cores, resolved and saved when the run starts,
 *                           so that a resumed run uses the same partitioning)
 * @param iterations         number of iterations (a training phase then an evaluation phase)
 * @param trainSteps         training agent steps per iteration (the episode in progress is finished)
 * @param evalSteps          evaluation agent steps per iteration (0 = no evaluation)
 * @param frames             total training frames wanted (0 = iterations x trainSteps x frame skip);
 *                           when set, trainSteps/evalSteps are derived keeping the preset's shape
 * @param gamma              discount
 * @param batchSize          minibatch size
 * @param replayCapacity     replay entries (one frame each; episode-final frames included)
 * @param minReplay          learning starts once more than this many training steps were stored
 * @param updatePeriod       one gradient update every this many training steps
 * @param targetUpdatePeriod hard target copy every this many training steps (after learning starts)
 * @param epsilonStart       training epsilon during the warm-up
 * @param epsilonEnd         training epsilon after the decay
 * @param epsilonWarmup      steps at epsilonStart before the linear decay begins
 * @param epsilonDecay       steps of the linear decay
 * @param epsilonEval        epsilon in evaluation phases
 * @param learningRate       Adam learning rate
 * @param adamBeta1          Adam first-moment decay
 * @param adamBeta2          Adam second-moment decay
 * @param adamEpsilon        Adam epsilon, added outside the square root
 * @param loss               TD loss: mse or huber (delta 1)
 * @param rewardClip         clip rewards to [-1, 1] for learning (logged returns stay unclipped)
 * @param padding            conv padding of the Nature net: same (Dopamine) or valid (3,136 features)
 * @param stickyActions      probability of repeating the previous action (-1 = environment default)
 * @param method             sparse-training method: dense, prune, rigl, set or static
 * @param sparsity           target global sparsity in [0, 1)
 * @param distribution       per-layer sparsity distribution: erk or uniform
 * @param sparseStart        fraction of training (in updates) at which sparse training starts
 * @param sparseEnd          fraction of training after which the mask is frozen
 * @param maskUpdateEvery    updates between pruning mask recomputations
 * @param topologyUpdateEvery updates between RigL/SET drop-and-grow steps
 * @param dropFraction       initial drop fraction of RigL/SET
 * @param noBias             build the network without any bias parameter
 * @param noBiasLayers       layers built without a bias parameter (in addition to noBias)
 * @param dormantEvery       updates between dormant-neuron measurements (0 = auto: min(20000, totalUpdates/20), at least 1)
 * @param dormantSamples     replay states per dormant-neuron measurement
 * @param checkpointMinutes  also checkpoint every this many minutes of wall time (0 = only at iteration ends)
 * @param checkpointEverySteps also checkpoint every this many agent steps (0 = off; deterministic, for tests)
 */
public record RunConfig(
        String env,
        long seed,
        String backend,
        String device,
        int threads,
        int iterations,
        long trainSteps,
        long evalSteps,
        long frames,
        double gamma,
        int batchSize,
        int replayCapacity,
        long minReplay,
        int updatePeriod,
        long targetUpdatePeriod,
        double epsilonStart,
        double epsilonEnd,
        long epsilonWarmup,
        long epsilonDecay,
        double epsilonEval,
        double learningRate,
        double adamBeta1,
        double adamBeta2,
        double adamEpsilon,
        String loss,
        boolean rewardClip,
        String padding,
        double stickyActions,
        String method,
        double sparsity,
        String distribution,
        double sparseStart,
        double sparseEnd,
        long maskUpdateEvery,
        long topologyUpdateEvery,
        double dropFraction,
        boolean noBias,
        List<String> noBiasLayers,
        long dormantEvery,
        int dormantSamples,
        double checkpointMinutes,
        long checkpointEverySteps) {

    public RunConfig {
        noBiasLayers = noBiasLayers == null ? List.of() : List.copyOf(noBiasLayers);
    }

    /** Emulator frames per agent step: 4 for Atari (frame skip), 1 for the small games. */
    public int frameSkip() {
        return env.startsWith("atari:") ? 4 : 1;
    }

    /** Training agent steps of the whole run (the planned count; episodes may overrun each phase). */
    public long totalTrainSteps() {
        return (long) iterations * trainSteps;
    }

    /** Gradient updates of the whole run, as the sparsity schedules count them (SPEC.md section 5). */
    public long totalUpdates() {
        return Math.max(1, totalTrainSteps() / updatePeriod);
    }

    /** Updates between dormant-neuron measurements, resolving 0 to the short-run rule. */
    public long resolvedDormantEvery() {
        if (dormantEvery > 0) {
            return dormantEvery;
        }
        return Math.max(1, Math.min(20_000, totalUpdates() / 20));
    }
}
