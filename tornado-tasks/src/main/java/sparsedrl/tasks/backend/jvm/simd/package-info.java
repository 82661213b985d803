/**
 * JVM-backend kernels on the Vector API (incubator module {@code jdk.incubator.vector}). Kept apart
 * from {@code sparsedrl.tasks.kernels}, which the TornadoVM backend compiles, and used only when
 * {@link sparsedrl.tasks.backend.jvm.simd.VectorSupport#available()} says so.
 */
package sparsedrl.tasks.backend.jvm.simd;
