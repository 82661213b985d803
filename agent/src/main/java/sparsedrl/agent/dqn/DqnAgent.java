package sparsedrl.agent.dqn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import sparsedrl.agent.replay.ReplayBuffer;
import sparsedrl.tasks.random.SplitMix64;
import sparsedrl.sparsity.SparsityMethod;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;

/**
 * The DQN agent in Dopamine's split: it acts (epsilon-greedy), stores transitions and trains; it
 * knows nothing of iterations, phases or files. The training rule, after storing training step n
 * (1-based): when n > minReplay, a gradient update if n % updatePeriod == 0 and a hard target copy
 * if n % targetUpdatePeriod == 0. Each update: {@code needs = method.needsDenseGradient(t);
 * loss = net.update(batch, gamma, needs); method.afterUpdate(net, t)}, t = updates done before it.
 */
public final class DqnAgent {
    private final QNetwork net;
    private final ReplayBuffer replay;
    private final SparsityMethod sparsity;
    private final DqnSettings settings;
    private final SplitMix64 actionRng;
    private final SplitMix64 replayRng;
    private final TransitionBatch batch;
    private final float[] q;
    private final int actions;
    private long trainSteps;
    private long updates;
    private float lastLoss = Float.NaN;

    public DqnAgent(QNetwork net, ReplayBuffer replay, SparsityMethod sparsity, DqnSettings settings, long seed) {
        this.net = net;
        this.replay = replay;
        this.sparsity = sparsity;
        this.settings = settings;
        this.actionRng = new SplitMix64(SplitMix64.derive(seed, "actions"));
        this.replayRng = new SplitMix64(SplitMix64.derive(seed, "replay"));
        this.batch = new TransitionBatch(net.batchSize(), net.state().spec.inputSize());
        this.actions = net.state().spec.actions();
        this.q = new float[actions];
    }

    public QNetwork network() {
        return net;
    }

    public ReplayBuffer replay() {
        return replay;
    }

    /** Training steps stored so far. */
    public long trainSteps() {
        return trainSteps;
    }

    /** Gradient updates done so far. */
    public long updates() {
        return updates;
    }

    /** Loss of the most recent update (NaN before the first). */
    public float lastLoss() {
        return lastLoss;
    }

    /** Exploration rate for the next training action. */
    public double trainEpsilon() {
        return settings.epsilon().at(trainSteps);
    }

    /** Epsilon-greedy action on the online network; ties go to the lowest action index. */
    public int selectAction(byte[] observation, boolean eval) {
        double eps = eval ? settings.epsilonEval() : trainEpsilon();
        if (actionRng.nextDouble() <= eps) {
            return actionRng.nextInt(actions);
        }
        return greedyAction(observation);
    }

    int greedyAction(byte[] observation) {
        net.qValues(observation, 1, q);
        int best = 0;
        for (int a = 1; a < actions; a++) {
            if (q[a] > q[best]) {
                best = a;
            }
        }
        return best;
    }

    /** Stores the first observation of a training episode. */
    public void beginEpisode(byte[] observation) {
        replay.startEpisode(observation);
    }

    /**
     * Stores one training step and trains when the schedule says so.
     *
     * @return true when a gradient update was made
     */
    public boolean observe(int action, double reward, boolean terminal, byte[] nextObservation) {
        float r = (float) (settings.rewardClip() ? Math.max(-1.0, Math.min(1.0, reward)) : reward);
        replay.addStep(action, r, terminal, nextObservation);
        trainSteps++;
        if (trainSteps <= settings.minReplay()) {
            return false;
        }
        boolean updated = false;
        if (trainSteps % settings.updatePeriod() == 0) {
            replay.sample(replayRng, batch);
            long t = updates;
            boolean needs = sparsity.needsDenseGradient(t);
            lastLoss = net.update(batch, settings.gamma(), needs);
            sparsity.afterUpdate(net, t);
            updates++;
            updated = true;
        }
        if (trainSteps % settings.targetUpdatePeriod() == 0) {
            net.syncTarget();
        }
        return updated;
    }

    /** Counters and random streams (the network, replay and sparsity method save themselves). */
    public void saveCounters(DataOutputStream out) throws IOException {
        out.writeLong(trainSteps);
        out.writeLong(updates);
        out.writeFloat(lastLoss);
        out.writeLong(actionRng.state());
        out.writeLong(replayRng.state());
    }

    public void loadCounters(DataInputStream in) throws IOException {
        trainSteps = in.readLong();
        updates = in.readLong();
        lastLoss = in.readFloat();
        actionRng.setState(in.readLong());
        replayRng.setState(in.readLong());
    }
}
