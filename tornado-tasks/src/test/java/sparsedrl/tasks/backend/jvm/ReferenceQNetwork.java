package sparsedrl.tasks.backend.jvm;

import java.util.List;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.backend.TransitionBatch;
import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.NetworkState;

/**
 * A straightforward, single-threaded DQN update in double precision, written independently of the
 * kernels to check them: convolutions copy the input into an explicitly zero-padded array (XLA SAME
 * rule computed here from the SPEC formula) and then slide a VALID window; gradients are scattered
 * back the obvious way; Adam follows the Optax formulas literally.
 */
final class ReferenceQNetwork {

    /** Result of one reference update. */
    record Update(double loss, double[][] weightGrad, double[][] biasGrad, double[][] newWeight, double[][] newBias) {
    }

    private final NetworkSpec spec;

    ReferenceQNetwork(NetworkSpec spec) {
        this.spec = spec;
    }

    /** Low and high zero padding of one axis, from the SPEC formula. */
    static int[] pads(LayerSpec l, int in) {
        if (l.kind() == LayerKind.DENSE || l.padding() == sparsedrl.tasks.net.Padding.VALID) {
            return new int[] {0, 0};
        }
        int out = (int) Math.ceil((double) in / l.stride());
        int total = Math.max((out - 1) * l.stride() + l.kernel() - in, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /** Activations of every layer (post bias and ReLU) for {@code count} states. */
    double[][] forward(byte[] states, int count, double[][] w, double[][] b) {
        List<LayerSpec> layers = spec.layers();
        double[][] acts = new double[layers.size()][];
        double[] x = new double[count * spec.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (states[i] & 0xFF) * (double) spec.inputScale();
        }
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec s = layers.get(l);
            double[] y = s.kind() == LayerKind.CONV ? conv(s, x, w[l], count) : dense(s, x, w[l], count);
            int rows = y.length / s.outC();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < s.outC(); c++) {
                    double v = y[r * s.outC() + c] + (b[l] == null ? 0 : b[l][c]);
                    y[r * s.outC() + c] = s.relu() ? Math.max(v, 0) : v;
                }
            }
            acts[l] = y;
            x = y;
        }
        return acts;
    }

    private static double[] padded(LayerSpec s, double[] x, int count) {
        int[] py = pads(s, s.inH());
        int[] px = pads(s, s.inW());
        int ph = s.inH() + py[0] + py[1];
        int pw = s.inW() + px[0] + px[1];
        double[] p = new double[count * ph * pw * s.inC()];
        for (int b = 0; b < count; b++) {
            for (int y = 0; y < s.inH(); y++) {
                for (int xx = 0; xx < s.inW(); xx++) {
                    for (int c = 0; c < s.inC(); c++) {
                        p[((b * ph + y + py[0]) * pw + xx + px[0]) * s.inC() + c] =
                                x[((b * s.inH() + y) * s.inW() + xx) * s.inC() + c];
                    }
                }
            }
        }
        return p;
    }

    private static double[] conv(LayerSpec s, double[] x, double[] w, int count) {
        int[] py = pads(s, s.inH());
        int[] px = pads(s, s.inW());
        int ph = s.inH() + py[0] + py[1];
        int pw = s.inW() + px[0] + px[1];
        int k = s.kernel();
        int oh = (ph - k) / s.stride() + 1;
        int ow = (pw - k) / s.stride() + 1;
        double[] p = padded(s, x, count);
        double[] y = new double[count * oh * ow * s.outC()];
        for (int b = 0; b < count; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int co = 0; co < s.outC(); co++) {
                        double sum = 0;
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                for (int ci = 0; ci < s.inC(); ci++) {
                                    sum += p[((b * ph + oy * s.stride() + ky) * pw + ox * s.stride() + kx) * s.inC() + ci]
                                            * w[((ky * k + kx) * s.inC() + ci) * s.outC() + co];
                                }
                            }
                        }
                        y[((b * oh + oy) * ow + ox) * s.outC() + co] = sum;
                    }
                }
            }
        }
        return y;
    }

    private static double[] dense(LayerSpec s, double[] x, double[] w, int count) {
        double[] y = new double[count * s.outC()];
        for (int b = 0; b < count; b++) {
            for (int o = 0; o < s.outC(); o++) {
                double sum = 0;
                for (int i = 0; i < s.inC(); i++) {
                    sum += x[b * s.inC() + i] * w[i * s.outC() + o];
                }
                y[b * s.outC() + o] = sum;
            }
        }
        return y;
    }

    /** One DQN update from the given state (not modified): loss, gradients and the new parameters. */
    Update update(NetworkState state, TransitionBatch batch, double gamma, LossKind lossKind, AdamConfig adam) {
        int n = spec.layers().size();
        double[][] w = new double[n][];
        double[][] b = new double[n][];
        double[][] tw = new double[n][];
        double[][] tb = new double[n][];
        for (int l = 0; l < n; l++) {
            LayerParams p = state.layers.get(l);
            w[l] = toDouble(p.weight);
            b[l] = toDouble(p.bias);
            tw[l] = toDouble(p.targetWeight);
            tb[l] = toDouble(p.targetBias);
        }
        int count = batch.size;
        int actions = spec.actions();
        double[] qNext = forward(batch.nextStates, count, tw, tb)[n - 1];
        double[][] acts = forward(batch.states, count, w, b);
        double[] q = acts[n - 1];
        double loss = 0;
        double[] g = new double[count * actions];
        for (int i = 0; i < count; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < actions; a++) {
                max = Math.max(max, qNext[i * actions + a]);
            }
            double target = batch.rewards[i] + gamma * max * (1 - batch.terminals[i]);
            double d = q[i * actions + batch.actions[i]] - target;
            if (lossKind == LossKind.MSE) {
                loss += d * d;
                g[i * actions + batch.actions[i]] = 2 * d / count;
            } else {
                loss += Math.abs(d) <= 1 ? 0.5 * d * d : Math.abs(d) - 0.5;
                g[i * actions + batch.actions[i]] = Math.max(-1, Math.min(1, d)) / count;
            }
        }
        loss /= count;

        double[] input = new double[count * spec.inputSize()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (batch.states[i] & 0xFF) * (double) spec.inputScale();
        }
        double[][] wg = new double[n][];
        double[][] bg = new double[n][];
        for (int l = n - 1; l >= 0; l--) {
            LayerSpec s = spec.layers().get(l);
            double[] y = acts[l];
            if (s.relu()) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = y[i] > 0 ? g[i] : 0;
                }
            }
            if (s.bias()) {
                bg[l] = new double[s.outC()];
                for (int i = 0; i < g.length; i++) {
                    bg[l][i % s.outC()] += g[i];
                }
            }
            double[] x = l == 0 ? input : acts[l - 1];
            double[] gx = new double[x.length];
            wg[l] = new double[w[l].length];
            if (s.kind() == LayerKind.DENSE) {
                for (int bi = 0; bi < count; bi++) {
                    for (int i = 0; i < s.inC(); i++) {
                        for (int o = 0; o < s.outC(); o++) {
                            wg[l][i * s.outC() + o] += x[bi * s.inC() + i] * g[bi * s.outC() + o];
                            gx[bi * s.inC() + i] += w[l][i * s.outC() + o] * g[bi * s.outC() + o];
                        }
                    }
                }
            } else {
                convBackward(s, x, w[l], g, count, wg[l], gx);
            }
            g = gx;
        }

        AdamStep step = new AdamStep(adam, state.adamStep + 1);
        double[][] nw = new double[n][];
        double[][] nb = new double[n][];
        for (int l = 0; l < n; l++) {
            LayerParams p = state.layers.get(l);
            nw[l] = step.apply(w[l], wg[l], p.weightM, p.weightV, p.mask);
            nb[l] = b[l] == null ? null : step.apply(b[l], bg[l], p.biasM, p.biasV, null);
        }
        return new Update(loss, wg, bg, nw, nb);
    }

    private static void convBackward(LayerSpec s, double[] x, double[] w, double[] g, int count, double[] wg,
                                     double[] gx) {
        int[] py = pads(s, s.inH());
        int[] px = pads(s, s.inW());
        int ph = s.inH() + py[0] + py[1];
        int pw = s.inW() + px[0] + px[1];
        int k = s.kernel();
        int oh = s.outH();
        int ow = s.outW();
        double[] p = padded(s, x, count);
        double[] gp = new double[p.length];
        for (int b = 0; b < count; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int co = 0; co < s.outC(); co++) {
                        double go = g[((b * oh + oy) * ow + ox) * s.outC() + co];
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                for (int ci = 0; ci < s.inC(); ci++) {
                                    int pi = ((b * ph + oy * s.stride() + ky) * pw + ox * s.stride() + kx) * s.inC() + ci;
                                    int wi = ((ky * k + kx) * s.inC() + ci) * s.outC() + co;
                                    wg[wi] += p[pi] * go;
                                    gp[pi] += w[wi] * go;
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int b = 0; b < count; b++) {
            for (int y = 0; y < s.inH(); y++) {
                for (int xx = 0; xx < s.inW(); xx++) {
                    for (int c = 0; c < s.inC(); c++) {
                        gx[((b * s.inH() + y) * s.inW() + xx) * s.inC() + c] =
                                gp[((b * ph + y + py[0]) * pw + xx + px[0]) * s.inC() + c];
                    }
                }
            }
        }
    }

    /** Optax Adam for step t, epsilon outside the square root, then the mask. */
    record AdamStep(AdamConfig adam, long t) {
        double[] apply(double[] w, double[] g, float[] m, float[] v, float[] mask) {
            double[] out = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                double mi = adam.beta1() * (double) m[i] + (1 - adam.beta1()) * g[i];
                double vi = adam.beta2() * (double) v[i] + (1 - adam.beta2()) * g[i] * g[i];
                double mhat = mi / (1 - Math.pow(adam.beta1(), t));
                double vhat = vi / (1 - Math.pow(adam.beta2(), t));
                double wi = w[i] - adam.learningRate() * mhat / (Math.sqrt(vhat) + adam.epsilon());
                out[i] = mask == null ? wi : wi * mask[i];
            }
            return out;
        }
    }

    private static double[] toDouble(float[] a) {
        if (a == null) {
            return null;
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
