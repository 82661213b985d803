package sparsedrl.tasks.backend.jvm;

import sparsedrl.tasks.net.LayerParams;

/** One parameterised layer (with its bias and ReLU) run by the kernels on the worker pool. */
interface JvmLayer {

    /** {@code out = relu?(layer(in; weight) + bias?)} for the first {@code count} samples. */
    void forward(float[] in, float[] weight, float[] bias, float[] out, int count);

    /**
     * Backward pass for the first {@code count} samples.
     *
     * @param in      the layer input of the forward pass
     * @param out     the layer output of the forward pass (post-ReLU)
     * @param gradOut gradient w.r.t. {@code out}; overwritten with the gradient before the ReLU
     * @param params  receives {@code weightGrad} and {@code biasGrad}; its weights give the input gradient
     * @param gradIn  receives the gradient w.r.t. {@code in}, or null when it is not needed (first layer)
     */
    void backward(float[] in, float[] out, float[] gradOut, LayerParams params, float[] gradIn, int count);
}
