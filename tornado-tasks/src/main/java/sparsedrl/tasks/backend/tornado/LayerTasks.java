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

    /**
     * {@code out = relu?(layer(in; w) + bias?)} for {@code count} samples; over the active weights only
     * when {@code lists} is not null (the target kernel's lists when {@code target}).
     */
    void forward(TaskGraph g, String id, float[] in, float[] w, float[] bias, float[] out, int count,
                 DeviceActiveLists lists, boolean target) {
        String t = id + "_" + name;
        if (lists != null) {
            g.task(t + "_sparse", DeviceKernels::sparseForward, in, w, target ? lists.targetColStart : lists.colStart,
                    target ? lists.targetColRow : lists.colRow, out, lists.geometry, count * spec.outSize());
        } else if (spec.kind() == LayerKind.CONV) {
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
     * the first layer) the input gradient. With {@code lists} the input gradient runs over the active
     * weights, and so does the weight gradient (0 at inactive positions) unless
     * {@code denseWeightGradient} asks for every position (RigL's grow steps).
     */
    void backward(TaskGraph g, String id, float[] in, float[] out, float[] gradOut, LayerParams p, float[] gradIn,
                  int count, DeviceActiveLists lists, boolean denseWeightGradient) {
        String t = id + "_" + name;
        int rows = rows(count);
        int channels = spec.outC();
        if (relu == 1) {
            g.task(t + "_reluBack", DeviceKernels::reluBackward, out, gradOut, rows * channels);
        }
        if (addBias == 1) {
            g.task(t + "_biasGrad", DeviceKernels::channelSums, gradOut, rows, channels, 0, 1f, p.biasGrad);
        }
        boolean denseInput = lists == null && gradIn != null;
        double[] gradD = null;
        if (lists == null || denseWeightGradient) {
            gradD = doubles(g, gradOut.length);
            g.task(t + "_gD", DeviceKernels::toDouble, gradOut, gradD, gradOut.length);
            denseWeightGradient(g, t, in, gradD, p, count);
        } else {
            g.task(t + "_wGradSparse", DeviceKernels::sparseWeightGradient, in, gradOut, lists.rowStart, lists.rowCol,
                    p.weightGrad, lists.geometry, count, lists.rows);
        }
        if (denseInput) {
            denseInputGradient(g, t, gradOut, p, gradIn, count);
        } else if (gradIn != null) {
            g.task(t + "_inGradSparse", DeviceKernels::sparseInputGradient, gradOut, p.weight, lists.rowStart,
                    lists.rowCol, gradIn, lists.geometry, count * spec.inSize());
        }
    }

    private void denseWeightGradient(TaskGraph g, String t, float[] in, double[] gradD, LayerParams p, int count) {
        if (spec.kind() == LayerKind.CONV) {
            g.task(t + "_wGrad", DeviceKernels::convBackwardWeights, in, gradD, p.weightGrad, count, spec.inH(),
                    spec.inW(), spec.inC(), spec.outH(), spec.outW(), spec.outC(), spec.kernel(), spec.stride(),
                    spec.padTop(), spec.padLeft());
        } else {
            g.task(t + "_wGrad", DeviceKernels::denseBackwardWeights, in, gradD, p.weightGrad, count, spec.inC(),
                    spec.outC());
        }
    }

    private void denseInputGradient(TaskGraph g, String t, float[] gradOut, LayerParams p, float[] gradIn,
                                    int count) {
        int inC = spec.inC();
        int outC = spec.outC();
        if (spec.kind() == LayerKind.CONV) {
            int k = spec.kernel();
            double[] weightT = doubles(g, spec.weightCount());
            g.task(t + "_wT", DeviceKernels::transposeDouble, p.weight, weightT, inC, outC, k * k * outC);
            g.task(t + "_inGrad", DeviceKernels::convBackwardInput, gradOut, weightT, gradIn, spec.inH(), spec.inW(),
                    inC, spec.outH(), spec.outW(), outC, k, spec.stride(), spec.padTop(), spec.padLeft(),
                    count * spec.inH());
        } else {
            float[] weightT = floats(g, inC * outC);
            double[] acc = doubles(g, count * inC);
            g.task(t + "_wT", DeviceKernels::transposeFloat, p.weight, weightT, inC, outC, outC);
            g.task(t + "_inGrad", DeviceKernels::denseBackwardInput, gradOut, weightT, acc, gradIn, count, inC, outC);
        }
    }

    /** Mean |activation| per channel of this layer's output over {@code count} samples, into {@code means}. */
    void activationMeans(TaskGraph g, String id, float[] out, int count, float[] means) {
        int rows = rows(count);
        g.task(id + "_" + name + "_means", DeviceKernels::channelSums, out, rows, spec.outC(), 1, 1f / rows, means);
    }
}
