package sparsedrl.tasks.backend.tornado;

import sparsedrl.tasks.net.LayerKind;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * Adds one layer's kernels ({@link DeviceKernels}) to a TaskGraph, in the JVM backend's order:
 * linear map, then bias and ReLU; backward: ReLU mask and bias gradient, weight gradient, input
 * gradient. Work arrays (double copies of operands, transposes) are allocated per call, i.e. per
 * graph, as graphs own their device buffers; TornadoVM wants every array a task touches declared
 * as a transfer, so they are declared FIRST_EXECUTION: copied once, then they stay on the device.
 */
final class LayerTasks {

    private final LayerSpec spec;
    private final String name;
    private final int addBias;
    private final int relu;

    LayerTasks(LayerSpec spec) {
        this.spec = spec;
        this.name = spec.name();
        this.addBias = spec.bias() ? 1 : 0;
        this.relu = spec.relu() ? 1 : 0;
    }

    LayerSpec spec() {
        return spec;
    }

    /** Rows of the activation seen as rows x channels (samples x positions). */
    private int rows(int count) {
        return count * spec.outH() * spec.outW();
    }

    private static float[] floats(TaskGraph g, int n) {
        float[] a = new float[n];
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, a);
        return a;
    }

    private static double[] doubles(TaskGraph g, int n) {
        double[] a = new double[n];
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, a);
        return a;
    }

    /** {@code out = relu?(layer(in; w) + bias?)} for {@code count} samples. */
    void forward(TaskGraph g, String id, float[] in, float[] w, float[] bias, float[] out, int count) {
        String t = id + "_" + name;
        if (spec.kind() == LayerKind.CONV) {
            double[] wD = doubles(g, w.length);
            g.task(t + "_wD", DeviceKernels::toDouble, w, wD, w.length);
            g.task(t + "_conv", DeviceKernels::convForward, in, wD, out, spec.inH(), spec.inW(), spec.inC(),
                    spec.outH(), spec.outW(), spec.outC(), spec.kernel(), spec.stride(), spec.padTop(), spec.padLeft(),
                    count * spec.outH());
        } else {
            double[] acc = doubles(g, count * spec.outC());
            g.task(t + "_dense", DeviceKernels::denseForward, in, w, acc, out, count, spec.inC(), spec.outC());
        }
        if (addBias == 1 || relu == 1) {
            // Kernels take a non-null bias array and ignore it without a bias.
            float[] b = bias == null ? floats(g, 1) : bias;
            g.task(t + "_biasRelu", DeviceKernels::biasRelu, out, b, spec.outC(), addBias, relu, rows(count));
        }
    }

    /**
     * Backward for {@code count} samples; {@code gradOut} becomes the pre-activation gradient,
     * {@code p.weightGrad}/{@code p.biasGrad} receive the parameter gradients, {@code gradIn} (null for
     * the first layer) the input gradient.
     */
    void backward(TaskGraph g, String id, float[] in, float[] out, float[] gradOut, LayerParams p, float[] gradIn,
                  int count) {
        String t = id + "_" + name;
        int rows = rows(count);
        int channels = spec.outC();
        if (relu == 1) {
            g.task(t + "_reluBack", DeviceKernels::reluBackward, out, gradOut, rows * channels);
        }
        if (addBias == 1) {
            g.task(t + "_biasGrad", DeviceKernels::channelSums, gradOut, rows, channels, 0, 1f, p.biasGrad);
        }
        double[] gradD = doubles(g, gradOut.length);
        g.task(t + "_gD", DeviceKernels::toDouble, gradOut, gradD, gradOut.length);
        if (spec.kind() == LayerKind.CONV) {
            convBackward(g, t, in, gradOut, gradD, p, gradIn, count);
        } else {
            denseBackward(g, t, in, gradOut, gradD, p, gradIn, count);
        }
    }

    private void convBackward(TaskGraph g, String t, float[] in, float[] gradOut, double[] gradD, LayerParams p,
                              float[] gradIn, int count) {
        int k = spec.kernel();
        int inC = spec.inC();
        int outC = spec.outC();
        g.task(t + "_wGrad", DeviceKernels::convBackwardWeights, in, gradD, p.weightGrad, count, spec.inH(), spec.inW(),
                inC, spec.outH(), spec.outW(), outC, k, spec.stride(), spec.padTop(), spec.padLeft());
        if (gradIn != null) {
            double[] weightT = doubles(g, spec.weightCount());
            g.task(t + "_wT", DeviceKernels::transposeDouble, p.weight, weightT, inC, outC, k * k * outC);
            g.task(t + "_inGrad", DeviceKernels::convBackwardInput, gradOut, weightT, gradIn, spec.inH(), spec.inW(),
                    inC, spec.outH(), spec.outW(), outC, k, spec.stride(), spec.padTop(), spec.padLeft(),
                    count * spec.inH());
        }
    }

    private void denseBackward(TaskGraph g, String t, float[] in, float[] gradOut, double[] gradD, LayerParams p,
                               float[] gradIn, int count) {
        int inN = spec.inC();
        int outN = spec.outC();
        g.task(t + "_wGrad", DeviceKernels::denseBackwardWeights, in, gradD, p.weightGrad, count, inN, outN);
        if (gradIn != null) {
            float[] weightT = floats(g, inN * outN);
            double[] acc = doubles(g, count * inN);
            g.task(t + "_wT", DeviceKernels::transposeFloat, p.weight, weightT, inN, outN, outN);
            g.task(t + "_inGrad", DeviceKernels::denseBackwardInput, gradOut, weightT, acc, gradIn, count, inN, outN);
        }
    }

    /** Mean |activation| per channel of this layer's output over {@code count} samples, into {@code means}. */
    void activationMeans(TaskGraph g, String id, float[] out, int count, float[] means) {
        int rows = rows(count);
        g.task(id + "_" + name + "_means", DeviceKernels::channelSums, out, rows, spec.outC(), 1, 1f / rows, means);
    }
}
