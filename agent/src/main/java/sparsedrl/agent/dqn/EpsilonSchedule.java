package sparsedrl.agent.dqn;

/**
 * Training exploration rate as Dopamine's {@code linearly_decaying_epsilon}: 1.0 for the first
 * {@code warmupSteps} agent steps, then linear down to {@code end} over {@code decaySteps} steps,
 * then constant. With the Dopamine values (20k, 250k, 0.01) it reaches 0.01 at step 270k.
 */
public record EpsilonSchedule(long warmupSteps, long decaySteps, double start, double end) {

    public EpsilonSchedule {
        if (warmupSteps < 0 || decaySteps < 1) {
            throw new IllegalArgumentException("epsilon warm-up must be >= 0 and decay >= 1 steps");
        }
        if (!(end >= 0 && end <= start && start <= 1)) {
            throw new IllegalArgumentException("need 0 <= epsilon end <= epsilon start <= 1");
        }
    }

    /** Epsilon for the action taken at agent step {@code step} (0-based count of earlier train steps). */
    public double at(long step) {
        double stepsLeft = decaySteps + warmupSteps - step;
        double bonus = (start - end) * stepsLeft / decaySteps;
        bonus = Math.max(0.0, Math.min(bonus, start - end));
        return end + bonus;
    }
}
