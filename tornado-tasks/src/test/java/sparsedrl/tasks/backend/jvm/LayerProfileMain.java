package sparsedrl.tasks.backend.jvm;

import java.util.Set;
import java.util.SplittableRandom;
import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * Development entry point (not a test): thread-CPU time per layer and pass of the Nature net, one
 * thread, so that the figures approximate an idle core on a shared machine. Forward GFLOP/s counts
 * one multiply-add as 2; backward counts weight and input gradient (weight only for the first layer).
 */
public final class LayerProfileMain {
    private LayerProfileMain() {
    }

    private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Thread CPU time: with threads=1 it estimates idle-machine time on a loaded machine. */
    private static long cpu() {
        return MX.getCurrentThreadCpuTime();
    }

    public static void main(String[] args) {
        Padding padding = args.length > 0 && args[0].equals("valid") ? Padding.VALID : Padding.SAME;
        int threads = 1;
        int batch = 32;
        NetworkSpec spec = NetworkSpec.nature(6, padding, Set.of());
        SplittableRandom rng = new SplittableRandom(1);
        try (WorkerPool pool = new WorkerPool(threads)) {
            for (LayerSpec s : spec.layers()) {
                JvmLayer layer = s.kind() == LayerKind.CONV ? new ConvLayer(pool, s, batch, true) : new DenseLayer(pool, s, batch, true);
                LayerParams p = new LayerParams(s);
                for (int i = 0; i < p.weight.length; i++) {
                    p.weight[i] = (float) (rng.nextDouble() - 0.5) * 0.1f;
                }
                float[] in = new float[batch * s.inSize()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = rng.nextDouble() < 0.5 ? 0f : (float) rng.nextDouble();
                }
                float[] out = new float[batch * s.outSize()];
                float[] g = new float[out.length];
                float[] gin = new float[in.length];
                double flops = 2.0 * s.forwardMacs() * batch;
                long fwd = Long.MAX_VALUE, bwd = Long.MAX_VALUE;
                for (int rep = 0; rep < 40; rep++) {
                    long t0 = cpu();
                    layer.forward(in, p.weight, p.bias, out, batch);
                    long t1 = cpu();
                    for (int i = 0; i < g.length; i++) {
                        g[i] = out[i] > 0 ? 0.01f : 0f;
                    }
                    long t2 = cpu();
                    layer.backward(in, out, g, p, s == spec.layers().get(0) || args.length > 2 ? null : gin, batch);
                    long t3 = cpu();
                    fwd = Math.min(fwd, t1 - t0);
                    bwd = Math.min(bwd, t3 - t2);
                }
                double bwdFlops = s == spec.layers().get(0) ? flops : 2 * flops;
                System.out.printf("%-7s fwd %7.2f ms (%5.1f GFLOP/s)  bwd %7.2f ms (%5.1f GFLOP/s)%n", s.name(),
                        fwd / 1e6, flops / fwd, bwd / 1e6, bwdFlops / bwd);
            }
        }
    }
}
