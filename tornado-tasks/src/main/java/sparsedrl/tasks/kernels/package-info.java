/**
 * Q-network kernels in the TornadoVM style: static methods over flat {@code float[]}/{@code int[]}/
 * {@code byte[]} arrays with one {@code @Parallel} outer loop, free of allocation, exceptions and
 * virtual calls, so TornadoVM can compile them for an accelerator and the JVM runs the same bytecode.
 *
 * <p>Every kernel takes the range of its outer parallel loop as its last two parameters
 * {@code (from, to)}: the JVM backend hands each worker thread a slice, TornadoVM is given the whole
 * range {@code (0, n)}. Each iteration of a parallel loop owns its outputs (no write is shared
 * between iterations), so no reduction across iterations is needed.
 *
 * <p>Layouts: activations NHWC, batch-major; conv kernels {@code [kh][kw][inC][outC]}; dense
 * kernels {@code [in][out]}; a dense layer reads its input flattened in (y, x, c) order.
 */
package sparsedrl.tasks.kernels;
