package sparsedrl.tasks.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Adam as Optax's {@code scale_by_adam} followed by {@code -learningRate}, epsilon outside the square
 * root, then the weight mask: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * w -= lr * (m / c1) / (sqrt(v / c2) + eps); w *= mask, with the bias corrections
 * {@code c1 = 1 - b1^t}, {@code c2 = 1 - b2^t} computed by the caller for step t. The caller also
 * passes {@code 1 - b1} and {@code 1 - b2}, computed in double and rounded once to float as Optax
 * does (in float, {@code 1f - 0.999f} is off by 1.3e-5 relative).
 */
public final class AdamKernels {

    private AdamKernels() {
    }

    /**
     * One Adam step for elements {@code i in [from, to)}. When {@code useMask} is 1 the weight is
     * multiplied by {@code mask[i]} afterwards (masked weights stay exactly 0); biases pass
     * {@code useMask} 0 and any non-null array.
     */
    public static void step(float[] w, float[] g, float[] m, float[] v, float[] mask, int useMask,
                            float learningRate, float beta1, float beta2, float oneMinusBeta1,
                            float oneMinusBeta2, float epsilon, float correction1, float correction2,
                            int from, int to) {
        for (@Parallel int i = from; i < to; i++) {
            element(w, g, m, v, mask, useMask, learningRate, beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon,
                    correction1, correction2, i);
        }
    }

    /**
     * The same step for the elements {@code indices[j]}, {@code j in [from, to)} only (the active
     * weights of a sparse layer: the others are 0 and stay 0, and their moments are not read while
     * inactive; a position that becomes active gets fresh moments from whoever grows it). A negative
     * index is padding and is skipped: a device keeps the list at a fixed length while the number of
     * active weights changes.
     */
    public static void stepAt(float[] w, float[] g, float[] m, float[] v, float[] mask, int useMask,
                              float learningRate, float beta1, float beta2, float oneMinusBeta1,
                              float oneMinusBeta2, float epsilon, float correction1, float correction2,
                              int[] indices, int from, int to) {
        for (@Parallel int j = from; j < to; j++) {
            int i = indices[j];
            if (i >= 0) {
                element(w, g, m, v, mask, useMask, learningRate, beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon,
                        correction1, correction2, i);
            }
        }
    }

    /** The step for element {@code i}: the formula of this class, in one place. */
    private static void element(float[] w, float[] g, float[] m, float[] v, float[] mask, int useMask,
                                float learningRate, float beta1, float beta2, float oneMinusBeta1,
                                float oneMinusBeta2, float epsilon, float correction1, float correction2, int i) {
        float gi = g[i];
        float mi = beta1 * m[i] + oneMinusBeta1 * gi;
        float vi = beta2 * v[i] + oneMinusBeta2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        float wi = w[i] - learningRate * (mi / correction1) / ((float) Math.sqrt(vi / correction2) + epsilon);
        w[i] = useMask == 1 ? wi * mask[i] : wi;
    }

    /**
     * Host-side helper: {@code 1 - beta} as Optax computes it, from the decimal the float was written
     * as (0.999f is 0.99900001...; Optax subtracts the Python double 0.999 and rounds once to float).
     */
    public static float complement(float beta) {
        return (float) (1.0 - Double.parseDouble(Float.toString(beta)));
    }

    /** Zeroes both Adam moments at {@code m[indices[j]]}, {@code v[indices[j]]} for {@code j in [from, to)}. */
    public static void resetMoments(float[] m, float[] v, int[] indices, int from, int to) {
        for (@Parallel int j = from; j < to; j++) {
            m[indices[j]] = 0f;
            v[indices[j]] = 0f;
        }
    }
}
