package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The DQN TD loss per sample and its gradient w.r.t. the online Q-values. With
 * {@code delta = Q(s,a) - (r + gamma * max_a' Qtarget(s',a') * (1 - terminal))}: MSE loss
 * {@code delta^2} (Dopamine JAX {@code losses.mse_loss}, no one-half), Huber loss with threshold 1
 * {@code 0.5 delta^2} if {@code |delta| <= 1} else {@code |delta| - 0.5}. The batch loss is the mean,
 * so the gradient carries the factor {@code 1/batch}.
 */
public final class LossKernels {

    /** Loss selector value for the mean squared error. */
    public static final int MSE = 0;
    /** Loss selector value for the Huber loss (delta 1). */
    public static final int HUBER = 1;

    private LossKernels() {
    }

    /**
     * For samples {@code b in [from, to)}: writes the per-sample loss to {@code loss[b]} and
     * {@code dQ[b][a]} (zero except at the taken action, where it is dLoss/dQ divided by {@code batch}).
     */
    public static void tdLoss(float[] q, float[] qNextTarget, int[] actions, float[] rewards, float[] terminals,
                              float gamma, int lossKind, int numActions, int batch, float[] dQ, float[] loss,
                              int from, int to) {
        for (@Parallel int b = from; b < to; b++) {
            int base = b * numActions;
            float maxNext = qNextTarget[base];
            for (int a = 1; a < numActions; a++) {
                maxNext = Math.max(maxNext, qNextTarget[base + a]);
            }
            float target = rewards[b] + gamma * maxNext * (1f - terminals[b]);
            float delta = q[base + actions[b]] - target;
            float perSample;
            float grad;
            if (lossKind == HUBER) {
                float abs = Math.abs(delta);
                perSample = abs <= 1f ? 0.5f * delta * delta : abs - 0.5f;
                grad = Math.max(-1f, Math.min(1f, delta));
            } else {
                perSample = delta * delta;
                grad = 2f * delta;
            }
            for (int a = 0; a < numActions; a++) {
                dQ[base + a] = 0f;
            }
            dQ[base + actions[b]] = grad / batch;
            loss[b] = perSample;
        }
    }
}
