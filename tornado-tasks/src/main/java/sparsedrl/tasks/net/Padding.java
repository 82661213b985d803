package sparsedrl.tasks.net;

/** Convolution padding rule. SAME follows XLA: total = max((out-1)*stride + k - in, 0), low = total/2. */
public enum Padding {
    SAME,
    VALID;

    /** Output extent along one spatial axis. */
    public int outSize(int in, int kernel, int stride) {
        return switch (this) {
            case SAME -> (in + stride - 1) / stride;
            case VALID -> (in - kernel) / stride + 1;
        };
    }

    /** Padding added before the first input element along one axis (the XLA low pad). */
    public int padLow(int in, int kernel, int stride) {
        if (this == VALID) {
            return 0;
        }
        int out = outSize(in, kernel, stride);
        int total = Math.max((out - 1) * stride + kernel - in, 0);
        return total / 2;
    }
}
