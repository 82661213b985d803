package sparsedrl.agent.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.agent.env.Environment.ObservationShape;
import sparsedrl.agent.replay.ReplayBuffer;
import sparsedrl.sparsity.SparsityMethod;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;

/** The learning-start gate, the update period, target-sync timing and the epsilon-greedy policy. */
class DqnAgentTest {
    private static final ObservationShape SHAPE = new ObservationShape(10, 10, 4, 1);

    /** Records when it is asked to update and to copy the target. */
    static final class RecordingNetwork implements QNetwork {
        final NetworkState state = new NetworkState(NetworkSpec.minatar(4, 6, Set.of()));
        final List<Long> updateAtStep = new ArrayList<>();
        final List<Long> syncAtStep = new ArrayList<>();
        final List<Boolean> denseGradient = new ArrayList<>();
        float maxReward = Float.NEGATIVE_INFINITY;
        long step; // set by the test before each observe

        @Override public NetworkState state() { return state; }
        @Override public int batchSize() { return 4; }
        @Override public void pull() { }
        @Override public void push() { }
        @Override public void qValues(byte[] states, int count, float[] qOut) {
            for (int a = 0; a < 6; a++) {
                qOut[a] = a == 2 ? 1f : 0f;
            }
        }
        @Override public float update(TransitionBatch batch, float gamma, boolean keepDenseGradient) {
            updateAtStep.add(step);
            denseGradient.add(keepDenseGradient);
            for (float r : batch.rewards) {
                maxReward = Math.max(maxReward, r);
            }
            return 0.5f;
        }
        @Override public void syncTarget() { syncAtStep.add(step); }
        @Override public void applyMasks() { }
        @Override public void unitActivationMeans(byte[] states, int count, float[][] out) { }
        @Override public void close() { }
    }

    /** Records the update counter it is called with; asks for dense gradients on odd t. */
    static final class RecordingMethod implements SparsityMethod {
        final List<Long> needsAt = new ArrayList<>();
        final List<Long> afterAt = new ArrayList<>();
        @Override public String name() { return "recording"; }
        @Override public void initialize(QNetwork net) { }
        @Override public boolean needsDenseGradient(long t) { needsAt.add(t); return t % 2 == 1; }
        @Override public void afterUpdate(QNetwork net, long t) { afterAt.add(t); }
        @Override public byte[] saveState() { return new byte[0]; }
        @Override public void restoreState(byte[] state) { }
    }

    private static DqnAgent agent(RecordingNetwork net, RecordingMethod m, long minReplay, int updatePeriod,
                                  long targetPeriod, boolean clip) {
        DqnSettings s = new DqnSettings(0.99f, minReplay, updatePeriod, targetPeriod,
                new EpsilonSchedule(0, 100, 1.0, 0.1), 0.0, clip);
        return new DqnAgent(net, new ReplayBuffer(1000, SHAPE), m, s, 1);
    }

    private static void runSteps(DqnAgent a, RecordingNetwork net, int steps, double reward) {
        byte[] obs = new byte[SHAPE.size()];
        a.beginEpisode(obs);
        for (int n = 1; n <= steps; n++) {
            net.step = n;
            a.observe(n % 6, reward, false, obs);
        }
    }

    @Test
    void updatesStartAfterMinReplayAndFollowThePeriod() {
        RecordingNetwork net = new RecordingNetwork();
        RecordingMethod m = new RecordingMethod();
        DqnAgent a = agent(net, m, 10, 4, 8, true);
        runSteps(a, net, 40, 0);
        assertEquals(List.of(12L, 16L, 20L, 24L, 28L, 32L, 36L, 40L), net.updateAtStep);
        assertEquals(List.of(16L, 24L, 32L, 40L), net.syncAtStep);
        assertEquals(8, a.updates());
        assertEquals(40, a.trainSteps());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), m.needsAt);
        assertEquals(m.needsAt, m.afterAt);
        assertEquals(List.of(false, true, false, true, false, true, false, true), net.denseGradient);
        assertEquals(0.5f, a.lastLoss());
    }

    @Test
    void minatarShapeUpdatesEveryStepAndSyncsEveryThousandUpdates() {
        RecordingNetwork net = new RecordingNetwork();
        DqnAgent a = agent(net, new RecordingMethod(), 50, 1, 1000, false);
        runSteps(a, net, 2_100, 0);
        assertEquals(2_050, net.updateAtStep.size());
        assertEquals(51L, net.updateAtStep.get(0));
        assertEquals(List.of(1000L, 2000L), net.syncAtStep);
    }

    @Test
    void noUpdateBeforeTheGate() {
        RecordingNetwork net = new RecordingNetwork();
        DqnAgent a = agent(net, new RecordingMethod(), 20, 1, 5, true);
        runSteps(a, net, 20, 0);
        assertTrue(net.updateAtStep.isEmpty());
        assertTrue(net.syncAtStep.isEmpty());
        assertTrue(Float.isNaN(a.lastLoss()));
    }

    @Test
    void rewardsAreClippedForLearningOnlyWhenAsked() {
        RecordingNetwork clipped = new RecordingNetwork();
        runSteps(agent(clipped, new RecordingMethod(), 8, 1, 100, true), clipped, 12, 5.0);
        assertEquals(1f, clipped.maxReward);
        RecordingNetwork raw = new RecordingNetwork();
        runSteps(agent(raw, new RecordingMethod(), 8, 1, 100, false), raw, 12, 5.0);
        assertEquals(5f, raw.maxReward);
    }

    @Test
    void greedyInEvaluationAndUniformAtEpsilonOne() {
        RecordingNetwork net = new RecordingNetwork();
        DqnAgent a = agent(net, new RecordingMethod(), 10, 4, 8, true);
        byte[] obs = new byte[SHAPE.size()];
        for (int i = 0; i < 100; i++) {
            assertEquals(2, a.selectAction(obs, true));
        }
        int[] counts = new int[6];
        for (int i = 0; i < 6000; i++) {
            counts[a.selectAction(obs, false)]++; // train epsilon is 1.0 at step 0
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 1000) < 150, "count " + c);
        }
        assertFalse(a.trainEpsilon() < 1.0);
    }
}
