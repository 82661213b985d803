package sparsedrl.tasks.backend.tornado;

import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkState;

/**
 * Runs a {@link ProbeWorkload} on one backend through the {@link QNetwork} interface only, the way
 * the agent uses it: push the initial state, N updates (a target sync half-way, the last one
 * keeping the dense gradient), then Q-values (a batch and one state), activation means over a batch
 * and three more states, and a pull.
 */
public final class ProbeRunner {

    private ProbeRunner() {
    }

    public static ProbeResult run(String label, Backend backend, ProbeWorkload w, int updates, LossKind loss) {
        if (updates < 1) {
            throw new IllegalArgumentException("updates must be >= 1");
        }
        TransitionBatch[] batches = new TransitionBatch[updates];
        for (int k = 0; k < updates; k++) {
            batches[k] = w.batch(k);
        }
        byte[] eval = w.evalStates(w.batchSize);
        try (QNetwork net = backend.create(w.spec, w.batchSize, AdamConfig.DOPAMINE, loss)) {
            ProbeWorkload.copyState(w.initialState(), net.state());
            net.push();
            float[] losses = new float[updates];
            long timedStart = 0;
            for (int k = 0; k < updates; k++) {
                if (k == 1) {
                    // The first update includes one-off costs (JIT, kernel compilation): not timed.
                    timedStart = System.nanoTime();
                }
                if (k == 1 && !Double.isNaN(w.changedSparsity)) {
                    // New masks while the target still holds weights of the old ones (synced below).
                    net.pull();
                    w.changeMasks(net.state());
                    net.push();
                    net.applyMasks();
                }
                losses[k] = net.update(batches[k], w.gamma, k == updates - 1);
                if (k == updates / 2) {
                    net.syncTarget();
                }
            }
            double seconds = (System.nanoTime() - timedStart) / 1e9;
            double rate = updates > 1 ? (updates - 1) / seconds : Double.NaN;

            int actions = w.spec.actions();
            float[] q = new float[w.batchSize * actions];
            net.qValues(eval, w.batchSize, q);
            float[] q1 = new float[actions];
            net.qValues(eval, 1, q1);
            float[][] means = new float[w.spec.hiddenLayers().size()][];
            int i = 0;
            for (LayerSpec l : w.spec.hiddenLayers()) {
                means[i++] = new float[l.outC()];
            }
            // One full chunk plus a remainder: the chunked path of both backends.
            int meanCount = w.batchSize + 3;
            net.unitActivationMeans(w.evalStates(meanCount), meanCount, means);
            net.pull();
            NetworkState s = net.state();
            return new ProbeResult(label, losses, q, q1, means, ProbeResult.snapshot(s), s.adamStep, rate);
        }
    }
}
