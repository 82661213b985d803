package sparsedrl.tasks.backend.tornado;

import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;

/**
 * The TaskGraphs of one Q-network, in one execution plan, sharing the network's state arrays on
 * the device.
 *
 * <p>How the sharing works in TornadoVM 5.2 (verified on the SDK): a graph that declares
 * {@code consumeFromDevice(objects)} takes the device buffers of those objects from the graph the
 * plan executed last. So every graph here consumes the complete set of shared arrays and persists
 * it again ({@code persistOnDevice}), whatever it uses; then any graph may follow any other and
 * the buffers travel along unchanged. Graph 0 is the push graph: it copies the host arrays to the
 * device (EVERY_EXECUTION) and is the first graph ever run, creating the buffers. The pull graph
 * declares the arrays UNDER_DEMAND and copies them back through its execution result. Arrays a
 * graph only needs for itself (minibatch, activations, outputs) are declared by its builder.
 *
 * <p>KernelContext tasks get their work-group geometry from one GridScheduler for the whole plan
 * ({@link #grid}); {@code @Parallel} tasks keep TornadoVM's default (given a grid, TornadoVM
 * would run their loop over the grid's whole size). Each graph's task count is
 * kept: every task is one kernel launch per execution.
 */
final class DeviceGraphs implements AutoCloseable {

    /** Tasks per transfer kernel ({@link TransferKernels#touch4}). */
    private static final int TOUCH_ARITY = 4;

    private final String prefix;
    private final Object[] shared;
    private final TornadoDevice device;
    private final List<ImmutableTaskGraph> graphs = new ArrayList<>();
    private final List<Integer> launches = new ArrayList<>();
    private final GridScheduler scheduler = new GridScheduler();
    private boolean anyGrid;
    private final int pushIndex;
    private final int pullIndex;
    private TornadoExecutionPlan plan;

    /**
     * @param sharedArrays the network's state
     * @param sharedLists  index arrays the device keeps as well (active-weight lists), pushed with the state
     */
    DeviceGraphs(String prefix, List<float[]> sharedArrays, List<int[]> sharedLists, TornadoDevice device) {
        this.prefix = prefix;
        List<Object> all = new ArrayList<>(sharedArrays);
        all.addAll(sharedLists);
        this.shared = all.toArray();
        this.device = device;
        this.pushIndex = graphs.size();
        TaskGraph push = new TaskGraph(name("push")).transferToDevice(DataTransferMode.EVERY_EXECUTION, shared);
        touchAll(push, sharedArrays, sharedLists);
        graphs.add(push.persistOnDevice(shared).snapshot());
        launches.add(0);
        this.pullIndex = graphs.size();
        TaskGraph pull = new TaskGraph(name("pull")).consumeFromDevice(shared);
        touchAll(pull, sharedArrays, sharedLists);
        graphs.add(pull.transferToHost(DataTransferMode.UNDER_DEMAND, shared).persistOnDevice(shared).snapshot());
        launches.add(0);
    }

    /** A graph name unique to this set (TornadoVM identifies graphs by name). */
    String name(String id) {
        return prefix + "_" + id;
    }

    /** A new graph that sees the shared arrays; finish it with {@link #add}. */
    TaskGraph begin(String name) {
        requireOpen(false);
        CountingTaskGraph g = new CountingTaskGraph(name);
        g.consumeFromDevice(shared);
        return g;
    }

    /** Registers a graph started with {@link #begin}; returns its index for {@link #execute}. */
    int add(TaskGraph g) {
        requireOpen(false);
        launches.add(((CountingTaskGraph) g).tasks());
        graphs.add(g.persistOnDevice(shared).snapshot());
        return graphs.size() - 1;
    }

    /**
     * The work-group geometry of KernelContext task {@code task} of graph {@code g}; never for a
     * {@code @Parallel} task, whose loop bound TornadoVM would then take from the grid.
     */
    void grid(TaskGraph g, String task, WorkerGrid grid) {
        requireOpen(false);
        scheduler.addWorkerGrid(g.getTaskGraphName() + "." + task, grid);
        anyGrid = true;
    }

    /** Kernel launches of one execution of graph {@code graphIndex} (its task count). */
    int launches(int graphIndex) {
        return launches.get(graphIndex);
    }

    /** Creates the execution plan on the device and pushes the host arrays (the first execution). */
    void open() {
        requireOpen(false);
        plan = new TornadoExecutionPlan(graphs.toArray(ImmutableTaskGraph[]::new));
        plan.withDevice(device);
        if (anyGrid) {
            plan.withGridScheduler(scheduler);
        }
        push();
    }

    TornadoExecutionResult execute(int graphIndex) {
        requireOpen(true);
        return plan.withGraph(graphIndex).execute();
    }

    void push() {
        execute(pushIndex);
    }

    /**
     * Executes graph {@code graphIndex} once with TornadoVM's profiler and returns the bytes it
     * copied {host to device, device to host}, as the profiler counts them.
     */
    long[] executeProfiled(int graphIndex) {
        requireOpen(true);
        plan.withProfiler(ProfilerMode.SILENT);
        try {
            TornadoProfilerResult p = plan.withGraph(graphIndex).execute().getProfilerResult();
            return new long[] {p.getTotalBytesCopyIn(), p.getTotalBytesCopyOut()};
        } finally {
            plan.withoutProfiler();
        }
    }

    void pull() {
        execute(pullIndex).transferToHost(shared);
    }

    private void requireOpen(boolean open) {
        if ((plan != null) != open) {
            throw new IllegalStateException(open ? "graphs not opened yet" : "graphs already opened");
        }
    }

    private static void touchAll(TaskGraph g, List<float[]> arrays, List<int[]> lists) {
        for (int i = 0; i < arrays.size(); i += TOUCH_ARITY) {
            float[][] four = new float[TOUCH_ARITY][];
            for (int k = 0; k < TOUCH_ARITY; k++) {
                if (i + k < arrays.size()) {
                    four[k] = arrays.get(i + k);
                } else {
                    // A distinct filler per slot: TornadoVM mishandles one array passed twice to a task.
                    four[k] = new float[1];
                    g.transferToDevice(DataTransferMode.FIRST_EXECUTION, four[k]);
                }
            }
            g.task("touch" + i, TransferKernels::touch4, four[0], four[1], four[2], four[3]);
        }
        for (int i = 0; i < lists.size(); i += TOUCH_ARITY) {
            int[][] four = new int[TOUCH_ARITY][];
            for (int k = 0; k < TOUCH_ARITY; k++) {
                if (i + k < lists.size()) {
                    four[k] = lists.get(i + k);
                } else {
                    four[k] = new int[1];
                    g.transferToDevice(DataTransferMode.FIRST_EXECUTION, four[k]);
                }
            }
            g.task("touchLists" + i, TransferKernels::touchInts4, four[0], four[1], four[2], four[3]);
        }
    }

    @Override
    public void close() {
        if (plan != null) {
            try {
                plan.close();
            } catch (TornadoExecutionPlanException e) {
                throw new IllegalStateException("releasing the TornadoVM device buffers failed: " + e.getMessage(), e);
            } finally {
                plan = null;
            }
        }
    }

    /** A TaskGraph that can tell how many tasks it has. */
    private static final class CountingTaskGraph extends TaskGraph {
        CountingTaskGraph(String name) {
            super(name);
        }

        int tasks() {
            return taskNames.size();
        }
    }
}
