package sparsedrl.agent.dqn;

/**
 * What the DQN agent itself needs to know (the runner owns iterations, phases and logging).
 *
 * @param gamma              discount of the 1-step target
 * @param minReplay          gradient updates start after more than this many training steps were stored
 * @param updatePeriod       one update every this many training steps
 * @param targetUpdatePeriod target copy every this many training steps (once learning started)
 * @param epsilon            training exploration schedule
 * @param epsilonEval        exploration in evaluation
 * @param rewardClip         clip learning rewards to [-1, 1]
 */
public record DqnSettings(float gamma, long minReplay, int updatePeriod, long targetUpdatePeriod,
                          EpsilonSchedule epsilon, double epsilonEval, boolean rewardClip) {
}
