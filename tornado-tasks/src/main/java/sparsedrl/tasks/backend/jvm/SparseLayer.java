package sparsedrl.tasks.backend.jvm;

/**
 * A layer that computes over the active weights listed in an {@link ActiveIndex} only. Its backward
 * pass reuses what its most recent forward pass stored (the transposed input and output), so it must follow the
 * forward pass of the same input, as in an update; it writes the weight gradient at active positions
 * only and leaves the others untouched.
 */
interface SparseLayer extends JvmLayer {

    /**
     * Switches to the given active set. The index gathers the kernel's active values
     * ({@link ActiveIndex#gatherValues}) only when {@code index.valuesOf} is not the kernel it is
     * given; whoever changes a kernel's values sets {@code valuesOf} to null.
     */
    void use(ActiveIndex index);
}
