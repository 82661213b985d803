package sparsedrl.tasks.backend.tornado;

import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.LayerSpec;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * Adds one layer's kernels to a TaskGraph, in the JVM backend's order: forward = the linear map
 * with bias and ReLU fused ({@link ConvGemm}); backward = ReLU mask fused with the bias gradient,
 * weight gradient, input gradient. Dense layers run as the 1x1 convolution of a 1x1 image. Every
 * KernelContext launch gets its grid registered with {@link DeviceGraphs#grid}; {@code @Parallel}
 * tasks get none, since TornadoVM then takes the grid's (padded) size as their loop bound. Work arrays (partial
 * sums) are allocated per call, i.e. per graph, as graphs own their device buffers; TornadoVM wants
 * every array a task touches declared as a transfer, so they are declared FIRST_EXECUTION: copied
 * once, then they stay on the device.
 */
final class LayerTasks {

    /** Work-items per work-group of the 1-D kernels. */
    private static final int GROUP = 256;
    /** Channels x slices per work-group of the per-channel sums. */
    private static final int CHANNEL_GROUP = 16;
    private static final int SLICE_GROUP = 4;
    /** Most row slices of a per-channel sum, and the fewest rows a slice should have. */
    private static final int MAX_SLICES = 256;
    private static final int MIN_ROWS_PER_SLICE = 16;

    private final LayerSpec spec;
    private final String name;
    private final int tail;
    private final KernelContext context = new KernelContext();

    LayerTasks(LayerSpec spec) {
        this.spec = spec;
        this.name = spec.name();
        this.tail = (spec.bias() ? ConvGemm.TAIL_BIAS : 0) | (spec.relu() ? ConvGemm.TAIL_RELU : 0);
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

    /**
     * {@code out = relu?(layer(in; w) + bias?)} for {@code count} samples; over the active weights only
     * when {@code lists} is not null (the target kernel's lists when {@code target}).
     */
    void forward(DeviceGraphs dg, TaskGraph g, String id, float[] in, float[] w, float[] bias, float[] out,
                 int count, DeviceActiveLists lists, boolean target) {
        String t = id + "_" + name;
        // Kernels take a non-null bias array and ignore it without a bias.
        float[] b = bias == null ? floats(g, 1) : bias;
        if (lists == null) {
            gemm(dg, g, t + "_fwd", GemmShape.of(spec, count, ConvGemm.FORWARD), in, w, out, b, tail);
            return;
        }
        g.task(t + "_sparse", DeviceKernels::sparseForward, in, w, target ? lists.targetColStart : lists.colStart,
                target ? lists.targetColRow : lists.colRow, out, lists.geometry, count * spec.outSize());
        if (tail != 0) {
            oneDimensional(dg, g, t + "_tail", out.length);
            g.task(t + "_tail", ConvGemm::applyTail, context, out, b, out.length, spec.outC(), tail);
        }
    }

    /**
     * Backward for {@code count} samples; {@code gradOut} becomes the pre-activation gradient,
     * {@code p.weightGrad}/{@code p.biasGrad} receive the parameter gradients, {@code gradIn} (null for
     * the first layer) the input gradient. With {@code lists} the input gradient runs over the active
     * weights, and so does the weight gradient (0 at inactive positions) unless
     * {@code denseWeightGradient} asks for every position (RigL's grow steps).
     */
    void backward(DeviceGraphs dg, TaskGraph g, String id, float[] in, float[] out, float[] gradOut, LayerParams p,
                  float[] gradIn, int count, DeviceActiveLists lists, boolean denseWeightGradient) {
        String t = id + "_" + name;
        int rows = rows(count);
        int channels = spec.outC();
        if (spec.bias()) {
            int slices = slices(rows);
            float[] partial = floats(g, slices * channels);
            dg.grid(g, t + "_reluBias", channelGrid(channels, slices));
            g.task(t + "_reluBias", DeviceKernels::channelPartials, context, gradOut, out, partial, rows, channels,
                    slices, spec.relu() ? DeviceKernels.RELU_BACKWARD : DeviceKernels.SUM);
            oneDimensional(dg, g, t + "_biasGrad", channels);
            g.task(t + "_biasGrad", ConvGemm::sumSlices, context, partial, p.biasGrad, floats(g, 1), channels,
                    channels, slices, 0, 1f);
        } else if (spec.relu()) {
            g.task(t + "_reluBack", DeviceKernels::reluBackward, out, gradOut, rows * channels);
        }
        if (lists == null || denseWeightGradient) {
            gemm(dg, g, t + "_wGrad", GemmShape.of(spec, count, ConvGemm.WEIGHT_GRADIENT), in, gradOut,
                    p.weightGrad, floats(g, 1), 0);
        } else {
            int weights = spec.weightCount();
            int slices = sparseGradientSlices(spec, count);
            float[] partial = floats(g, slices * weights);
            // @Parallel tasks: no grid of ours (TornadoVM would take its padded size as the loop bound).
            g.task(t + "_wGradSparse", DeviceKernels::sparseWeightGradientPartials, in, gradOut, lists.activeFlat,
                    partial, lists.geometry, count, slices, weights, slices * weights);
            g.task(t + "_wGradSum", DeviceKernels::sparseWeightGradientSum, partial, p.mask, p.weightGrad, slices,
                    weights);
        }
        if (gradIn == null) {
            return;
        }
        if (lists == null) {
            gemm(dg, g, t + "_inGrad", GemmShape.of(spec, count, ConvGemm.INPUT_GRADIENT), gradOut, p.weight,
                    gradIn, floats(g, 1), 0);
        } else {
            g.task(t + "_inGradSparse", DeviceKernels::sparseInputGradient, gradOut, p.weight, lists.rowStart,
                    lists.rowCol, gradIn, lists.geometry, count * spec.inSize());
        }
    }

    /** Mean |activation| per channel of this layer's output over {@code count} samples, into {@code means}. */
    void activationMeans(DeviceGraphs dg, TaskGraph g, String id, float[] out, int count, float[] means) {
        String t = id + "_" + name;
        int rows = rows(count);
        int channels = spec.outC();
        int slices = slices(rows);
        float[] partial = floats(g, slices * channels);
        dg.grid(g, t + "_absSums", channelGrid(channels, slices));
        g.task(t + "_absSums", DeviceKernels::channelPartials, context, out, floats(g, 1), partial, rows, channels,
                slices, DeviceKernels.ABSOLUTE);
        oneDimensional(dg, g, t + "_means", channels);
        g.task(t + "_means", ConvGemm::sumSlices, context, partial, means, floats(g, 1), channels, channels, slices, 0,
                1f / rows);
    }

    /**
     * {@code c = A * B} as {@code shape} says, through {@code tail}; with several k slices into a work
     * array of partial sums, then added ({@link ConvGemm#sumSlices}, tail applied there). {@code bias}
     * is only read with a bias tail; it must not be {@code c} (TornadoVM mishandles an array passed
     * twice to one task).
     */
    private void gemm(DeviceGraphs dg, TaskGraph g, String task, GemmShape shape, float[] a, float[] b, float[] c,
                      float[] bias, int gemmTail) {
        float[] target = shape.splits() == 1 ? c : floats(g, shape.splits() * shape.size());
        dg.grid(g, task, shape.workerGrid());
        g.task(task, ConvGemm::gemm, context, a, b, target, bias, shape.mode(), shape.m(), shape.n(), shape.k(),
                shape.splits(), gemmTail, shape.spatial(), shape.window(), shape.inC(), shape.outC());
        if (shape.splits() > 1) {
            int size = shape.size();
            oneDimensional(dg, g, task + "Sum", size);
            g.task(task + "Sum", ConvGemm::sumSlices, context, target, c, bias, size, shape.n(), shape.splits(),
                    gemmTail, 1f);
        }
    }

    /**
     * Position slices of the sparse weight gradient: one work-item per kernel entry and slice (the
     * inactive ones return at once), at least {@link GemmShape#TARGET_WORK_ITEMS} in all.
     */
    static int sparseGradientSlices(LayerSpec spec, int count) {
        int weights = spec.weightCount();
        int positions = count * spec.outH() * spec.outW();
        return (int) Math.max(1, Math.min(positions, (GemmShape.TARGET_WORK_ITEMS + weights - 1) / weights));
    }

    /** Work-items of the sparse weight gradient's partial sums (one per loop iteration). */
    static long sparseGradientWorkItems(LayerSpec spec, int count) {
        return (long) spec.weightCount() * sparseGradientSlices(spec, count);
    }

    /** Row slices of a per-channel sum over {@code rows} rows: a multiple of the slice group. */
    private static int slices(int rows) {
        int slices = Math.min(MAX_SLICES, Math.max(1, rows / MIN_ROWS_PER_SLICE));
        return roundUp(slices, SLICE_GROUP);
    }

    private static WorkerGrid channelGrid(int channels, int slices) {
        WorkerGrid grid = new WorkerGrid2D(roundUp(channels, CHANNEL_GROUP), slices);
        grid.setLocalWork(CHANNEL_GROUP, SLICE_GROUP, 1);
        return grid;
    }

    private static void oneDimensional(DeviceGraphs dg, TaskGraph g, String task, int size) {
        WorkerGrid grid = new WorkerGrid1D(roundUp(size, GROUP));
        grid.setLocalWork(GROUP, 1, 1);
        dg.grid(g, task, grid);
    }

    private static int roundUp(int v, int multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }
}
