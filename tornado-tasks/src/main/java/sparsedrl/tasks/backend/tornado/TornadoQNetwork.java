package sparsedrl.tasks.backend.tornado;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import sparsedrl.tasks.backend.ActiveLists;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.backend.UpdateTraffic;
import sparsedrl.tasks.kernels.AdamKernels;
import sparsedrl.tasks.kernels.LossKernels;
import sparsedrl.tasks.kernels.MaskKernels;
import sparsedrl.tasks.kernels.SparseGatherKernels;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * A Q-network on a TornadoVM device. Weights, biases, targets, masks, Adam moments and gradients
 * live on the device between calls (see {@link DeviceGraphs}); {@link #state()} is the host copy,
 * brought up to date by {@link #pull()} and sent down by {@link #push()}. Per update only the
 * minibatch and eight Adam scalars go in and the per-sample losses come back; Q-values come back for
 * {@link #qValues}, unit means for {@link #unitActivationMeans}.
 *
 * <p>The TaskGraphs are built once, for this network's shape and batch size: an update graph,
 * Q-value graphs for one state and for a batch, activation-mean graphs for the same two sizes,
 * target sync and mask application. TornadoVM compiles each on its first execution. Scalars are
 * compiled into the kernels, so the discount is part of the update graph: a call with another
 * gamma rebuilds the graphs once (state preserved through the host). Updates take full batches of
 * {@link #batchSize()} transitions.
 *
 * <p>Sparse execution, as on the JVM backend: a layer whose mask density is below the threshold
 * runs over its active weights only ({@link SparseGatherKernels}: forward, input gradient, weight
 * gradient at active positions, Adam at active positions), from lists the host builds at each push
 * ({@link DeviceActiveLists}). Which layers are sparse is part of the graphs' structure, so a push
 * that moves a layer across the threshold rebuilds the graphs (once per layer in a pruning run); a
 * push that only changes which weights are active sends new lists. Updates that must keep the
 * dense weight gradient (RigL's grow steps) run a second update graph that computes it densely.
 */
final class TornadoQNetwork implements QNetwork {

    /** Dopamine's and MinAtar's discount: the graphs are first built for it. */
    private static final float DEFAULT_GAMMA = 0.99f;
    /** TornadoVM tells graphs apart by name: every graph set gets a fresh prefix. */
    private static final AtomicLong GRAPH_SETS = new AtomicLong();

    private final NetworkSpec spec;
    private final NetworkState state;
    private final int batchSize;
    private final AdamConfig adam;
    private final int lossKind;
    private final TornadoDevice device;
    private final LayerTasks[] layers;
    private final int actions;
    private final int inputSize;
    private final double sparseThreshold;
    /** Per layer: its active lists while it runs sparse, else null (fixed for one set of graphs). */
    private final DeviceActiveLists[] sparse;

    /** Inputs the update graph reads each execution: our own copies, as graphs capture array identities. */
    private final byte[] states;
    private final byte[] nextStates;
    private final int[] batchActions;
    private final float[] rewards;
    private final float[] terminals;
    /** lr, beta1, beta2, 1-beta1, 1-beta2, eps, 1-beta1^t, 1-beta2^t for the Adam kernel. */
    private final float[] hyper = new float[8];
    private final float[] lossPerSample;

    private final Forward single;
    private final Forward full;

    private DeviceGraphs graphs;
    /** Set by {@link #profiledUpdateCopies}: the next update runs under TornadoVM's profiler. */
    private boolean profileNextUpdate;
    private long[] profiledCopies;
    private float builtGamma;
    private int updateGraph;
    /** The update graph with dense weight gradients, when some layer is sparse; else {@link #updateGraph}. */
    private int updateDenseGradientGraph;
    private int syncGraph;
    private int maskGraph;

    TornadoQNetwork(NetworkSpec spec, int batchSize, AdamConfig adam, LossKind loss, TornadoDevice device,
                    double sparseThreshold) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.spec = spec;
        this.state = new NetworkState(spec);
        this.batchSize = batchSize;
        this.adam = adam;
        this.lossKind = loss == LossKind.HUBER ? LossKernels.HUBER : LossKernels.MSE;
        this.device = device;
        this.actions = spec.actions();
        this.inputSize = spec.inputSize();
        this.layers = spec.layers().stream().map(LayerTasks::new).toArray(LayerTasks[]::new);
        this.sparseThreshold = sparseThreshold;
        this.sparse = new DeviceActiveLists[layers.length];
        this.states = new byte[batchSize * inputSize];
        this.nextStates = new byte[batchSize * inputSize];
        this.batchActions = new int[batchSize];
        this.rewards = new float[batchSize];
        this.terminals = new float[batchSize];
        this.lossPerSample = new float[batchSize];
        this.single = new Forward(1);
        this.full = new Forward(batchSize);
        build(DEFAULT_GAMMA);
    }

    /** Every state array the device keeps, in a fixed order. */
    static List<float[]> sharedArrays(NetworkState s) {
        List<float[]> out = new ArrayList<>();
        for (LayerParams p : s.layers) {
            for (float[] a : new float[][] {p.weight, p.targetWeight, p.mask, p.weightM, p.weightV, p.weightGrad,
                p.bias, p.targetBias, p.biasM, p.biasV, p.biasGrad}) {
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /**
     * (Re)creates every graph for discount {@code gamma}, with the layers below the density threshold
     * sparse, and pushes the host state.
     */
    private void build(float gamma) {
        boolean[] modes = sparseModes();
        List<int[]> lists = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            if (!modes[i]) {
                sparse[i] = null;
            } else {
                if (sparse[i] == null) {
                    sparse[i] = new DeviceActiveLists(layers[i].spec());
                }
                lists.addAll(sparse[i].deviceArrays());
            }
        }
        refreshSparseLayers();
        DeviceGraphs g = new DeviceGraphs("qnet" + GRAPH_SETS.incrementAndGet(), sharedArrays(state), lists, device);
        updateGraph = g.add(updateGraph(g, gamma, false));
        updateDenseGradientGraph = lists.isEmpty() ? updateGraph : g.add(updateGraph(g, gamma, true));
        syncGraph = g.add(syncGraph(g));
        maskGraph = g.add(maskGraph(g));
        single.addGraphs(g);
        full.addGraphs(g);
        g.open();
        graphs = g;
        builtGamma = gamma;
    }

    /** Per layer: whether the host mask is below the density threshold. */
    private boolean[] sparseModes() {
        boolean[] modes = new boolean[layers.length];
        for (int i = 0; i < layers.length; i++) {
            float[] mask = state.layers.get(i).mask;
            modes[i] = (double) ActiveLists.count(mask) / mask.length < sparseThreshold;
        }
        return modes;
    }

    private boolean sameModes(boolean[] modes) {
        for (int i = 0; i < layers.length; i++) {
            if (modes[i] != (sparse[i] != null)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Host side of a push for the sparse layers: lists from the masks (online) and from the target's
     * non-zeros; inactive weights set to 0, since Adam steps only the active ones from now on.
     */
    private void refreshSparseLayers() {
        for (int i = 0; i < layers.length; i++) {
            if (sparse[i] != null) {
                LayerParams p = state.layers.get(i);
                MaskKernels.apply(p.weight, p.mask, 0, p.weight.length);
                sparse[i].rebuild(p.mask, p.targetWeight);
            }
        }
    }

    private TaskGraph updateGraph(DeviceGraphs dg, float gamma, boolean denseWeightGradient) {
        int n = layers.length;
        int b = batchSize;
        TaskGraph g = dg.begin(dg.name(denseWeightGradient ? "updateDenseGrad" : "update"))
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, states, nextStates, batchActions, rewards, terminals,
                        hyper);
        float[][] act = new float[n][];
        float[][] targetAct = new float[n][];
        float[][] grad = new float[n][];
        for (int i = 0; i < n; i++) {
            int size = b * layers[i].spec().outSize();
            act[i] = new float[size];
            targetAct[i] = new float[size];
            grad[i] = new float[size];
        }
        float[] input = new float[b * inputSize];
        float[] targetInput = new float[b * inputSize];
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, input, targetInput);
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, (Object[]) act);
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, (Object[]) targetAct);
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, (Object[]) grad);
        float scale = spec.inputScale();
        g.task("next_in", DeviceKernels::scaleBytes, nextStates, scale, targetInput, b * inputSize);
        forwardTasks(dg, g, "tgt", targetInput, targetAct, b, true);
        g.task("in", DeviceKernels::scaleBytes, states, scale, input, b * inputSize);
        forwardTasks(dg, g, "onl", input, act, b, false);
        g.task("loss", DeviceKernels::tdLoss, act[n - 1], targetAct[n - 1], batchActions, rewards, terminals, gamma,
                lossKind, actions, b, grad[n - 1], lossPerSample);
        for (int i = n - 1; i >= 0; i--) {
            layers[i].backward(dg, g, "bwd", i == 0 ? input : act[i - 1], act[i], grad[i], state.layers.get(i),
                    i == 0 ? null : grad[i - 1], b, sparse[i], denseWeightGradient);
        }
        // Biases are not masked (useMask 0): their mask argument is a stand-in, never read. It must not
        // be the bias itself: TornadoVM derives task dependencies per argument and an array passed twice
        // to one task stalls its graph compiler.
        float[] noMask = new float[1];
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, noMask);
        for (int i = 0; i < n; i++) {
            LayerParams p = state.layers.get(i);
            String t = "adam_" + p.spec.name();
            if (sparse[i] != null) {
                g.task(t + "_w", DeviceKernels::adamAt, p.weight, p.weightGrad, p.weightM, p.weightV, p.mask, hyper,
                        sparse[i].activeFlat, p.weight.length);
            } else {
                g.task(t + "_w", DeviceKernels::adam, p.weight, p.weightGrad, p.weightM, p.weightV, p.mask, 1, hyper,
                        p.weight.length);
            }
            if (p.bias != null) {
                g.task(t + "_b", DeviceKernels::adam, p.bias, p.biasGrad, p.biasM, p.biasV, noMask, 0, hyper,
                        p.bias.length);
            }
        }
        return g.transferToHost(DataTransferMode.EVERY_EXECUTION, lossPerSample);
    }

    /** Forward through all layers with online or target parameters; activations into {@code act}. */
    private void forwardTasks(DeviceGraphs dg, TaskGraph g, String id, float[] input, float[][] act, int count,
                              boolean target) {
        float[] in = input;
        for (int i = 0; i < layers.length; i++) {
            LayerParams p = state.layers.get(i);
            layers[i].forward(dg, g, id, in, target ? p.targetWeight : p.weight, target ? p.targetBias : p.bias, act[i],
                    count, sparse[i], target);
            in = act[i];
        }
    }

    private TaskGraph syncGraph(DeviceGraphs dg) {
        TaskGraph g = dg.begin(dg.name("sync"));
        for (int i = 0; i < layers.length; i++) {
            LayerParams p = state.layers.get(i);
            String t = "sync_" + p.spec.name();
            g.task(t + "_w", DeviceKernels::copyArray, p.weight, p.targetWeight, p.weight.length);
            if (p.bias != null) {
                g.task(t + "_b", DeviceKernels::copyArray, p.bias, p.targetBias, p.bias.length);
            }
            DeviceActiveLists l = sparse[i];
            if (l != null) {
                // The target's non-zeros are now the online active set (online weights are 0 elsewhere).
                g.task(t + "_cs", DeviceKernels::copyInts, l.colStart, l.targetColStart, l.colStart.length);
                g.task(t + "_cr", DeviceKernels::copyInts, l.colRow, l.targetColRow, l.colRow.length);
            }
        }
        return g;
    }

    private TaskGraph maskGraph(DeviceGraphs dg) {
        TaskGraph g = dg.begin(dg.name("mask"));
        for (LayerParams p : state.layers) {
            g.task("mask_" + p.spec.name(), DeviceKernels::applyMask, p.weight, p.mask, p.weight.length);
        }
        return g;
    }

    /**
     * The update graph's task count, and the payload it copies each execution: the minibatch and the
     * Adam scalars in, the per-sample losses out (everything else stays on the device). TornadoVM's
     * profiler counts more (e.g. 16 bytes more per array copied out).
     */
    @Override
    public UpdateTraffic updateTraffic() {
        long in = states.length + nextStates.length
                + (long) Float.BYTES * (batchActions.length + rewards.length + terminals.length + hyper.length);
        return new UpdateTraffic(graphs.launches(updateGraph), in, (long) Float.BYTES * lossPerSample.length);
    }

    /**
     * One {@link #update} under TornadoVM's profiler; returns the bytes it copied {host to device,
     * device to host} as the profiler counted them (the check of {@link #updateTraffic}).
     */
    long[] profiledUpdateCopies(TransitionBatch batch, float gamma) {
        profileNextUpdate = true;
        update(batch, gamma, false);
        return profiledCopies;
    }

    /** Whether layer {@code i} currently runs over its active weights only (tests, reports). */
    boolean isSparse(int i) {
        return sparse[i] != null;
    }

    @Override
    public NetworkState state() {
        return state;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void pull() {
        graphs.pull();
    }

    /** Sends the host state; rebuilds the graphs when a layer crossed the sparse threshold. */
    @Override
    public void push() {
        if (!sameModes(sparseModes())) {
            graphs.close();
            build(builtGamma); // pushes
            return;
        }
        refreshSparseLayers();
        graphs.push();
    }

    @Override
    public void qValues(byte[] input, int count, float[] qOut) {
        if (count < 1 || count > batchSize) {
            throw new IllegalArgumentException("count " + count + " outside 1.." + batchSize);
        }
        Forward f = count == 1 ? single : full;
        System.arraycopy(input, 0, f.states, 0, count * inputSize);
        graphs.execute(f.qGraph);
        System.arraycopy(f.q, 0, qOut, 0, count * actions);
    }

    @Override
    public float update(TransitionBatch batch, float gamma, boolean keepDenseGradient) {
        if (batch.size != batchSize) {
            throw new IllegalArgumentException("the tornado backend updates on full batches of " + batchSize
                    + " transitions, got " + batch.size);
        }
        if (batch.inputSize != inputSize) {
            throw new IllegalArgumentException("batch input size " + batch.inputSize
                    + " does not match the network input " + inputSize);
        }
        if (Float.floatToIntBits(gamma) != Float.floatToIntBits(builtGamma)) {
            rebuild(gamma);
        }
        System.arraycopy(batch.states, 0, states, 0, states.length);
        System.arraycopy(batch.nextStates, 0, nextStates, 0, nextStates.length);
        System.arraycopy(batch.actions, 0, batchActions, 0, batchSize);
        System.arraycopy(batch.rewards, 0, rewards, 0, batchSize);
        System.arraycopy(batch.terminals, 0, terminals, 0, batchSize);
        state.adamStep++;
        hyper[0] = adam.learningRate();
        hyper[1] = adam.beta1();
        hyper[2] = adam.beta2();
        hyper[3] = AdamKernels.complement(adam.beta1());
        hyper[4] = AdamKernels.complement(adam.beta2());
        hyper[5] = adam.epsilon();
        hyper[6] = (float) (1 - Math.pow(adam.beta1(), state.adamStep));
        hyper[7] = (float) (1 - Math.pow(adam.beta2(), state.adamStep));
        int graph = keepDenseGradient ? updateDenseGradientGraph : updateGraph;
        if (profileNextUpdate) {
            profileNextUpdate = false;
            profiledCopies = graphs.executeProfiled(graph);
        } else {
            graphs.execute(graph);
        }
        double sum = 0;
        for (int i = 0; i < batchSize; i++) {
            sum += lossPerSample[i];
        }
        return (float) (sum / batchSize);
    }

    /** New graphs for another discount; the device state survives through the host arrays. */
    private void rebuild(float gamma) {
        graphs.pull();
        graphs.close();
        build(gamma);
    }

    @Override
    public void syncTarget() {
        graphs.execute(syncGraph);
    }

    @Override
    public void applyMasks() {
        graphs.execute(maskGraph);
    }

    /**
     * Chunks of {@link #batchSize()} states on the batch graph, a remainder state by state on the
     * single-state graph; chunk means weighted by chunk size, as the JVM backend combines them.
     */
    @Override
    public void unitActivationMeans(byte[] input, int count, float[][] out) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one state, got " + count);
        }
        if (out.length != full.means.length) {
            throw new IllegalArgumentException("expected " + full.means.length + " layers in out, got " + out.length);
        }
        for (float[] row : out) {
            Arrays.fill(row, 0f);
        }
        int start = 0;
        while (start < count) {
            Forward f = count - start >= batchSize ? full : single;
            System.arraycopy(input, start * inputSize, f.states, 0, f.count * inputSize);
            graphs.execute(f.meansGraph);
            for (int h = 0; h < out.length; h++) {
                for (int c = 0; c < out[h].length; c++) {
                    out[h][c] += f.means[h][c] * ((float) f.count / count);
                }
            }
            start += f.count;
        }
    }

    @Override
    public void close() {
        graphs.close();
    }

    /** The forward-only graphs (Q-values, activation means) for a fixed number of states. */
    private final class Forward {
        final int count;
        final byte[] states;
        final float[] q;
        final float[][] means;
        int qGraph;
        int meansGraph;

        Forward(int count) {
            this.count = count;
            this.states = new byte[count * inputSize];
            this.q = new float[count * actions];
            List<LayerSpec> hidden = spec.hiddenLayers();
            this.means = new float[hidden.size()][];
            for (int h = 0; h < means.length; h++) {
                means[h] = new float[hidden.get(h).outC()];
            }
        }

        void addGraphs(DeviceGraphs dg) {
            qGraph = dg.add(graph(dg, "q" + count, false));
            meansGraph = dg.add(graph(dg, "means" + count, true));
        }

        private TaskGraph graph(DeviceGraphs dg, String id, boolean withMeans) {
            TaskGraph g = dg.begin(dg.name(id)).transferToDevice(DataTransferMode.EVERY_EXECUTION, states);
            float[] input = new float[count * inputSize];
            float[][] act = new float[layers.length][];
            for (int i = 0; i < layers.length; i++) {
                act[i] = i == layers.length - 1 ? q : new float[count * layers[i].spec().outSize()];
            }
            g.transferToDevice(DataTransferMode.FIRST_EXECUTION, input);
            g.transferToDevice(DataTransferMode.FIRST_EXECUTION, (Object[]) act);
            if (withMeans) {
                g.transferToDevice(DataTransferMode.FIRST_EXECUTION, (Object[]) means);
            }
            g.task(id + "_in", DeviceKernels::scaleBytes, states, spec.inputScale(), input, count * inputSize);
            forwardTasks(dg, g, id, input, act, count, false);
            if (!withMeans) {
                return g.transferToHost(DataTransferMode.EVERY_EXECUTION, q);
            }
            int h = 0;
            for (int i = 0; i < layers.length; i++) {
                if (layers[i].spec().relu()) {
                    layers[i].activationMeans(dg, g, id, act[i], count, means[h++]);
                }
            }
            return g.transferToHost(DataTransferMode.EVERY_EXECUTION, (Object[]) means);
        }
    }
}
