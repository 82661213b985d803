package sparsedrl.tasks.net;

/**
 * One parameterised layer, with its input geometry resolved.
 *
 * <p>Layouts (the Flax/JAX ones, so flat indices agree with the reference code): activations are
 * NHWC; a conv kernel is {@code [kh][kw][inC][outC]}; a dense kernel is {@code [in][out]}. A dense
 * layer sees its input flattened in (y, x, c) order, with inH = inW = 1 and inC = features.
 *
 * @param name     stable name used in metrics, checkpoints and masks ("conv1", "dense1", "q")
 * @param kind     conv or dense
 * @param inH      input height (1 for dense)
 * @param inW      input width (1 for dense)
 * @param inC      input channels (features for dense)
 * @param outC     output channels (units for dense)
 * @param kernel   square kernel size (1 for dense)
 * @param stride   stride (1 for dense)
 * @param padding  padding rule (VALID for dense)
 * @param bias     whether the layer has a bias parameter at all
 * @param relu     whether a ReLU follows (all layers but the output)
 */
public record LayerSpec(String name, LayerKind kind, int inH, int inW, int inC, int outC,
                        int kernel, int stride, Padding padding, boolean bias, boolean relu) {

    public LayerSpec {
        if (inH < 1 || inW < 1 || inC < 1 || outC < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("layer " + name + ": all sizes must be positive");
        }
        if (kind == LayerKind.CONV && padding == Padding.VALID && (inH < kernel || inW < kernel)) {
            throw new IllegalArgumentException("layer " + name + ": VALID conv input smaller than kernel");
        }
    }

    public int outH() {
        return kind == LayerKind.DENSE ? 1 : padding.outSize(inH, kernel, stride);
    }

    public int outW() {
        return kind == LayerKind.DENSE ? 1 : padding.outSize(inW, kernel, stride);
    }

    public int padTop() {
        return kind == LayerKind.DENSE ? 0 : padding.padLow(inH, kernel, stride);
    }

    public int padLeft() {
        return kind == LayerKind.DENSE ? 0 : padding.padLow(inW, kernel, stride);
    }

    /** Number of weights in the kernel tensor. */
    public int weightCount() {
        return kernel * kernel * inC * outC;
    }

    /** Input elements per sample. */
    public int inSize() {
        return inH * inW * inC;
    }

    /** Output elements per sample. */
    public int outSize() {
        return outH() * outW() * outC;
    }

    /** Fan-in of one output unit (kh*kw*inC). */
    public int fanIn() {
        return kernel * kernel * inC;
    }

    /** Fan-out used by Xavier init (kh*kw*outC), as Flax computes it for conv kernels. */
    public int fanOut() {
        return kernel * kernel * outC;
    }

    /** Kernel dimensions, in layout order, as ERK's raw density needs them. */
    public int[] kernelShape() {
        return kind == LayerKind.CONV ? new int[] {kernel, kernel, inC, outC} : new int[] {inC, outC};
    }

    /** Multiply-accumulates of the forward pass for one sample (dense execution). */
    public long forwardMacs() {
        return (long) outH() * outW() * outC * fanIn();
    }
}
