package sparsedrl.tasks.net;

/**
 * Host arrays of one layer: online parameters, target parameters, mask, Adam moments and the last
 * gradient. Bias arrays are null when the layer has no bias parameter.
 */
public final class LayerParams {
    public final LayerSpec spec;
    public final float[] weight;
    public final float[] bias;
    public final float[] targetWeight;
    public final float[] targetBias;
    /** 1 where the weight is active, 0 where it is masked; all ones for a dense layer. */
    public final float[] mask;
    public final float[] weightM;
    public final float[] weightV;
    public final float[] biasM;
    public final float[] biasV;
    /** Dense gradient of the loss w.r.t. the weights from the most recent backward pass. */
    public final float[] weightGrad;
    public final float[] biasGrad;

    public LayerParams(LayerSpec spec) {
        this.spec = spec;
        int n = spec.weightCount();
        int b = spec.bias() ? spec.outC() : 0;
        weight = new float[n];
        targetWeight = new float[n];
        mask = new float[n];
        java.util.Arrays.fill(mask, 1f);
        weightM = new float[n];
        weightV = new float[n];
        weightGrad = new float[n];
        bias = spec.bias() ? new float[b] : null;
        targetBias = spec.bias() ? new float[b] : null;
        biasM = spec.bias() ? new float[b] : null;
        biasV = spec.bias() ? new float[b] : null;
        biasGrad = spec.bias() ? new float[b] : null;
    }

    /** Number of active (unmasked) weights. */
    public int activeCount() {
        int n = 0;
        for (float m : mask) {
            n += m != 0f ? 1 : 0;
        }
        return n;
    }
}
