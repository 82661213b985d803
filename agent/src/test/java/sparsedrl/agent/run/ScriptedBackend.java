package sparsedrl.agent.run;

import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;

/**
 * A cheap stand-in for a real backend in runner tests: its "update" changes the weights as a
 * deterministic function of the whole batch and its Q-values depend on weights and state, so any
 * difference in replay contents, sampling, random streams or restored weights changes the outcome.
 * It does not learn; it makes resume bugs visible in milliseconds.
 */
final class ScriptedBackend implements Backend {
    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String device() {
        return "test";
    }

    @Override
    public QNetwork create(NetworkSpec spec, int batchSize, AdamConfig adam, LossKind loss) {
        return new Net(spec, batchSize);
    }

    @Override
    public void close() {
    }

    static final class Net implements QNetwork {
        private final NetworkState state;
        private final int batchSize;

        Net(NetworkSpec spec, int batchSize) {
            this.state = new NetworkState(spec);
            this.batchSize = batchSize;
        }

        @Override public NetworkState state() { return state; }
        @Override public int batchSize() { return batchSize; }
        @Override public void pull() { }
        @Override public void push() { }

        @Override
        public void qValues(byte[] states, int count, float[] qOut) {
            float[] w = state.layers.get(0).weight;
            int in = state.spec.inputSize();
            int actions = state.spec.actions();
            for (int b = 0; b < count; b++) {
                for (int a = 0; a < actions; a++) {
                    float q = 0;
                    for (int j = 0; j < in; j++) {
                        q += w[(a * 7 + j) % w.length] * states[b * in + j];
                    }
                    qOut[b * actions + a] = q;
                }
            }
        }

        @Override
        public float update(TransitionBatch batch, float gamma, boolean keepDenseGradient) {
            LayerParams p = state.layers.get(0);
            float loss = 0;
            for (int b = 0; b < batch.size; b++) {
                int h = batch.actions[b] * 31;
                for (int j = 0; j < batch.inputSize; j++) {
                    h = h * 17 + batch.states[b * batch.inputSize + j] + 3 * batch.nextStates[b * batch.inputSize + j];
                }
                int i = Math.floorMod(h, p.weight.length);
                float delta = 1e-3f * (batch.rewards[b] - batch.terminals[b] + 0.5f - p.targetWeight[i]);
                p.weight[i] = (p.weight[i] + delta) * p.mask[i];
                p.weightGrad[i] = delta;
                loss += delta * delta;
            }
            state.adamStep++;
            return loss / batch.size;
        }

        @Override
        public void syncTarget() {
            state.copyOnlineToTarget();
        }

        @Override
        public void applyMasks() {
            for (LayerParams p : state.layers) {
                for (int i = 0; i < p.weight.length; i++) {
                    p.weight[i] *= p.mask[i];
                }
            }
        }

        @Override
        public void unitActivationMeans(byte[] states, int count, float[][] out) {
            for (int l = 0; l < out.length; l++) {
                float[] w = state.layers.get(l).weight;
                for (int u = 0; u < out[l].length; u++) {
                    out[l][u] = Math.max(0f, w[u % w.length]) + (u % 3 == 0 ? 0f : 0.5f);
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
