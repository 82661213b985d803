package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/** Weight masks and the scores that sparsity methods rank weights by. */
public final class MaskKernels {

    private MaskKernels() {
    }

    /** {@code w[i] *= mask[i]} for {@code i in [from, to)}. */
    public static void apply(float[] w, float[] mask, int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            w[i] = w[i] * mask[i];
        }
    }

    /** Magnitude scores for top-k selection: {@code score[i] = |x[i]|}, {@code i in [from, to)}. */
    public static void magnitude(float[] x, float[] score, int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            score[i] = Math.abs(x[i]);
        }
    }
}
