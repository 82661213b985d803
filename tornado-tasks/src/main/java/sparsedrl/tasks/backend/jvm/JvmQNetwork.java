package sparsedrl.tasks.backend.jvm;

import java.util.List;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.QNetwork;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.backend.jvm.WorkerPool.RangeTask;
import sparsedrl.tasks.kernels.AdamKernels;
import sparsedrl.tasks.kernels.ArrayKernels;
import sparsedrl.tasks.kernels.LossKernels;
import sparsedrl.tasks.kernels.MaskKernels;
import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;

/**
 * A Q-network computed on the JVM: the host arrays of {@link NetworkState} are the parameters, the
 * work buffers are allocated once for {@link #batchSize()} samples, and every step runs the kernels
 * on the shared {@link WorkerPool}. Not thread-safe: one caller at a time.
 */
final class JvmQNetwork implements QNetwork {
    /** Elements per slice for element-wise kernels (Adam, copies, masks). */
    private static final int ELEMENT_GRAIN = 16384;

    private final NetworkSpec spec;
    private final NetworkState state;
    private final int batchSize;
    private final AdamConfig adam;
    private final int lossKind;
    private final WorkerPool pool;
    private final JvmLayer[] layers;
    /** Each layer as dense-or-sparse by mask density; {@link #refreshActiveSets} re-decides. */
    private final MaskedLayer[] maskedLayers;
    private final LayerTail[] hiddenTails;
    private final int[] hiddenIndex;
    private final int actions;

    /** Scaled input, then the output of each layer, then its gradient; sized for batchSize samples. */
    private final float[] input;
    private final float[][] act;
    private final float[][] grad;
    private final float[] qNextTarget;
    private final float[] lossPerSample;
    private final float[][] chunkMeans;

    private byte[] bytes;
    private float[] src;
    private float[] dst;
    private float[] weight;
    private float[] gradient;
    private float[] moment1;
    private float[] moment2;
    private float[] mask;
    private int useMask;
    /** The flat indices Adam updates (a sparse layer's active weights), or null for every element. */
    private int[] adamIndices;
    private final float oneMinusBeta1;
    private final float oneMinusBeta2;
    private float correction1;
    private float correction2;
    private TransitionBatch batch;
    private float gamma;

    private final RangeTask scaleInputTask;
    private final RangeTask copyTask = (from, to) -> ArrayKernels.copy(src, dst, from, to);
    private final RangeTask maskTask = (from, to) -> MaskKernels.apply(weight, mask, from, to);
    private final RangeTask adamTask;
    private final RangeTask adamAtTask;
    private final RangeTask lossTask;

    JvmQNetwork(NetworkSpec spec, int batchSize, AdamConfig adam, LossKind loss, WorkerPool pool) {
        this(spec, batchSize, adam, loss, pool, 0);
    }

    /**
     * @param sparseThreshold layers whose mask density is below this run over their active weights only
     *                        (0: always dense)
     */
    JvmQNetwork(NetworkSpec spec, int batchSize, AdamConfig adam, LossKind loss, WorkerPool pool,
                double sparseThreshold) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.spec = spec;
        this.state = new NetworkState(spec);
        this.batchSize = batchSize;
        this.adam = adam;
        this.oneMinusBeta1 = AdamKernels.complement(adam.beta1());
        this.oneMinusBeta2 = AdamKernels.complement(adam.beta2());
        this.lossKind = loss == LossKind.HUBER ? LossKernels.HUBER : LossKernels.MSE;
        this.pool = pool;
        this.actions = spec.actions();
        List<LayerSpec> specs = spec.layers();
        int n = specs.size();
        layers = new JvmLayer[n];
        maskedLayers = new MaskedLayer[n];
        act = new float[n][];
        grad = new float[n][];
        int hidden = 0;
        for (LayerSpec s : specs) {
            hidden += s.relu() ? 1 : 0;
        }
        hiddenTails = new LayerTail[hidden];
        hiddenIndex = new int[hidden];
        chunkMeans = new float[hidden][];
        int h = 0;
        for (int i = 0; i < n; i++) {
            LayerSpec s = specs.get(i);
            boolean needsInputGradient = i > 0;
            boolean conv = s.kind() == LayerKind.CONV;
            JvmLayer denseForm = conv
                    ? new ConvLayer(pool, s, batchSize, needsInputGradient)
                    : new DenseLayer(pool, s, batchSize, needsInputGradient);
            SparseLayer sparseForm = conv ? new SparseConvLayer(pool, s, batchSize, needsInputGradient) : new SparseDenseLayer(pool, s, batchSize);
            maskedLayers[i] = new MaskedLayer(denseForm, sparseForm, s.fanIn(), s.outC(), sparseThreshold);
            maskedLayers[i].refresh(state.layers.get(i));
            layers[i] = maskedLayers[i]; // the target runs dense until a push or sync says otherwise
            act[i] = new float[batchSize * s.outSize()];
            grad[i] = new float[batchSize * s.outSize()];
            if (s.relu()) {
                hiddenTails[h] = new LayerTail(pool, s.outC(), false, false);
                hiddenIndex[h] = i;
                chunkMeans[h] = new float[s.outC()];
                h++;
            }
        }
        input = new float[batchSize * spec.inputSize()];
        qNextTarget = new float[batchSize * actions];
        lossPerSample = new float[batchSize];
        float scale = spec.inputScale();
        scaleInputTask = (from, to) -> ArrayKernels.scaleBytes(bytes, scale, input, from, to);
        adamTask = (from, to) -> AdamKernels.step(weight, gradient, moment1, moment2, mask, useMask,
                this.adam.learningRate(), this.adam.beta1(), this.adam.beta2(), oneMinusBeta1, oneMinusBeta2,
                this.adam.epsilon(), correction1, correction2, from, to);
        adamAtTask = (from, to) -> AdamKernels.stepAt(weight, gradient, moment1, moment2, mask, useMask,
                this.adam.learningRate(), this.adam.beta1(), this.adam.beta2(), oneMinusBeta1, oneMinusBeta2,
                this.adam.epsilon(), correction1, correction2, adamIndices, from, to);
        lossTask = (from, to) -> LossKernels.tdLoss(act[n - 1], qNextTarget, batch.actions, batch.rewards,
                batch.terminals, gamma, lossKind, actions, batch.size, grad[n - 1], lossPerSample, from, to);
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
        // The host arrays are the parameters: nothing to copy.
    }

    @Override
    public void push() {
        // The host arrays are the parameters: nothing to copy, but masks and weights may have changed.
        refreshActiveSets();
        refreshTargetActiveSets();
    }

    /** Rebuilds the active-weight lists from the masks (only when the host may have changed them). */
    private void refreshActiveSets() {
        for (int i = 0; i < maskedLayers.length; i++) {
            maskedLayers[i].refresh(state.layers.get(i));
        }
    }

    private void refreshTargetActiveSets() {
        for (int i = 0; i < maskedLayers.length; i++) {
            maskedLayers[i].refreshTarget(state.layers.get(i));
        }
    }

    /** Whether layer {@code i} currently runs over its active weights only (tests, reports). */
    boolean isSparse(int i) {
        return maskedLayers[i].isSparse();
    }

    @Override
    public void qValues(byte[] states, int count, float[] qOut) {
        checkCount(count);
        forward(states, count, false);
        System.arraycopy(act[layers.length - 1], 0, qOut, 0, count * actions);
    }

    @Override
    public float update(TransitionBatch transitions, float gamma, boolean keepDenseGradient) {
        int count = transitions.size;
        checkCount(count);
        if (transitions.inputSize != spec.inputSize()) {
            throw new IllegalArgumentException("batch input size " + transitions.inputSize
                    + " does not match the network input " + spec.inputSize());
        }
        int last = layers.length - 1;
        for (MaskedLayer m : maskedLayers) {
            m.keepDenseGradient(keepDenseGradient);
        }
        forward(transitions.nextStates, count, true);
        System.arraycopy(act[last], 0, qNextTarget, 0, count * actions);
        forward(transitions.states, count, false);

        this.batch = transitions;
        this.gamma = gamma;
        pool.run(count, count, lossTask);
        this.batch = null;

        for (int i = last; i >= 0; i--) {
            float[] in = i == 0 ? input : act[i - 1];
            layers[i].backward(in, act[i], grad[i], state.layers.get(i), i == 0 ? null : grad[i - 1], count);
        }
        adamStep();
        for (MaskedLayer m : maskedLayers) {
            m.onlineWeightsChanged();
        }

        double sum = 0;
        for (int b = 0; b < count; b++) {
            sum += lossPerSample[b];
        }
        return (float) (sum / count);
    }

    /** Online (or target) forward pass of {@code count} uint8 states into {@code act}. */
    private void forward(byte[] states, int count, boolean target) {
        bytes = states;
        pool.run(count * spec.inputSize(), ELEMENT_GRAIN, scaleInputTask);
        bytes = null;
        float[] in = input;
        for (int i = 0; i < layers.length; i++) {
            LayerParams p = state.layers.get(i);
            maskedLayers[i].forward(p, target, in, act[i], count);
            in = act[i];
        }
    }

    private void adamStep() {
        state.adamStep++;
        correction1 = (float) (1 - Math.pow(adam.beta1(), state.adamStep));
        correction2 = (float) (1 - Math.pow(adam.beta2(), state.adamStep));
        for (int i = 0; i < layers.length; i++) { // indexed: no iterator per step
            LayerParams p = state.layers.get(i);
            // a sparse layer steps its active weights only: the others are 0 (and masked) either way
            adamOn(p.weight, p.weightGrad, p.weightM, p.weightV, p.mask, maskedLayers[i].activeFlatIndices());
            if (p.bias != null) {
                adamOn(p.bias, p.biasGrad, p.biasM, p.biasV, null, null);
            }
        }
    }

    private void adamOn(float[] w, float[] g, float[] m, float[] v, float[] weightMask, int[] indices) {
        weight = w;
        gradient = g;
        moment1 = m;
        moment2 = v;
        mask = weightMask == null ? w : weightMask;
        useMask = weightMask == null ? 0 : 1;
        if (indices == null) {
            pool.run(w.length, ELEMENT_GRAIN, adamTask);
        } else {
            adamIndices = indices;
            useMask = 0; // the listed positions are the active ones: the mask is 1 there
            pool.run(indices.length, ELEMENT_GRAIN, adamAtTask);
            adamIndices = null;
        }
        weight = null;
        gradient = null;
        moment1 = null;
        moment2 = null;
        mask = null;
    }

    @Override
    public void syncTarget() {
        for (int i = 0; i < layers.length; i++) {
            LayerParams p = state.layers.get(i);
            copy(p.weight, p.targetWeight);
            if (p.bias != null) {
                copy(p.bias, p.targetBias);
            }
            maskedLayers[i].targetCopiedOnline(p);
        }
    }

    private void copy(float[] from, float[] to) {
        src = from;
        dst = to;
        pool.run(from.length, ELEMENT_GRAIN, copyTask);
        src = null;
        dst = null;
    }

    @Override
    public void applyMasks() {
        for (int i = 0; i < layers.length; i++) {
            LayerParams p = state.layers.get(i);
            weight = p.weight;
            mask = p.mask;
            pool.run(p.weight.length, ELEMENT_GRAIN, maskTask);
        }
        weight = null;
        mask = null;
        refreshActiveSets();
    }

    /**
     * Runs the online network over the states in chunks of at most {@link #batchSize()} and averages
     * the per-chunk means weighted by chunk size, so any number of states can be measured.
     */
    @Override
    public void unitActivationMeans(byte[] states, int count, float[][] out) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one state, got " + count);
        }
        if (out.length != hiddenTails.length) {
            throw new IllegalArgumentException("expected " + hiddenTails.length + " layers in out, got " + out.length);
        }
        for (float[] row : out) {
            java.util.Arrays.fill(row, 0f);
        }
        int inputSize = spec.inputSize();
        byte[] chunk = count <= batchSize ? states : new byte[batchSize * inputSize];
        for (int start = 0; start < count; start += batchSize) {
            int n = Math.min(batchSize, count - start);
            if (chunk != states) {
                System.arraycopy(states, start * inputSize, chunk, 0, n * inputSize);
            }
            forward(chunk, n, false);
            for (int h = 0; h < hiddenTails.length; h++) {
                LayerSpec s = spec.layers().get(hiddenIndex[h]);
                hiddenTails[h].meanAbs(act[hiddenIndex[h]], n * s.outH() * s.outW(), chunkMeans[h]);
                for (int c = 0; c < chunkMeans[h].length; c++) {
                    out[h][c] += chunkMeans[h][c] * ((float) n / count);
                }
            }
        }
    }

    private void checkCount(int count) {
        if (count < 1 || count > batchSize) {
            throw new IllegalArgumentException("count " + count + " outside 1.." + batchSize);
        }
    }

    @Override
    public void close() {
        // The pool belongs to the backend; the buffers are garbage once this object is.
    }
}
