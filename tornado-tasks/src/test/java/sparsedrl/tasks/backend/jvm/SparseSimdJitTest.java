package sparsedrl.tasks.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.tasks.backend.jvm.simd.VectorSupport;
import sparsedrl.tasks.kernels.SparseKernels;

/**
 * The Vector API kernels of the sparse layers give the same bits whether they run in the Vector
 * API's Java fallback (the interpreter and C1, until C2 has compiled their caller) or in C2's
 * intrinsics. A fresh JVM ({@link Main}) calls them on the same operands until C2 has compiled them
 * and compares every result with its first call's; this JVM may have compiled them already, so it
 * cannot. With {@code reduceLanes(ADD)} the weight gradient failed this: the fallback sums the
 * lanes one by one, C2 as a tree.
 */
class SparseSimdJitTest {
    private static final String KERNEL = SparseSimd.class.getName().replace('.', '/');

    @Test
    void sameBitsBeforeAndAfterC2CompilesThem(@TempDir Path tmp) throws Exception {
        assumeTrue(VectorSupport.available(), "no Vector API in this JVM");
        Path log = tmp.resolve("child.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-XX:+PrintCompilation",
                // C2 after a few calls (the first runs in the fallback), at the same call whatever the load
                "-XX:CompileThresholdScaling=0.1", "-Xbatch", "-cp",
                System.getProperty("java.class.path"), Main.class.getName());
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child still running");
        String out = Files.readString(log);
        assertEquals(0, child.exitValue(), out);
        // The comparison covered C2's code: a tier-4 compilation of the weight gradient appeared.
        assertTrue(out.lines().anyMatch(l -> l.matches(".*\\s4\\s+" + KERNEL.replace('/', '.')
                + "::(activeWeightGrad|dot4|dot) .*")), "C2 never compiled the weight gradient:\n" + out);
    }

    /** Calls the kernels on fixed operands and exits 1 at the first call whose bits differ from the first. */
    static final class Main {
        private static final long CALLS = 3_000;

        public static void main(String[] args) {
            // a sparse dense layer's shapes: 64 inputs x 96 outputs at density 0.1, two blocks of 37
            // samples (whole vectors and a masked tail)
            SplittableRandom rng = new SplittableRandom(1);
            int rows = 64;
            int cols = 96;
            int len = 37;
            int blocks = 2;
            float[] mask = new float[rows * cols];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextDouble() < 0.1 ? 1f : 0f;
            }
            ActiveIndex ix = ActiveIndex.of(mask, rows, cols);
            int[] xOffsets = new int[rows];
            int[] gOffsets = new int[cols];
            for (int r = 0; r < rows; r++) {
                xOffsets[r] = r * len;
            }
            for (int c = 0; c < cols; c++) {
                gOffsets[c] = c * len;
            }
            ix.useOffsets(xOffsets, gOffsets);
            float[] x = SparseLayerTest.random(rng, blocks * rows * len);
            float[] g = SparseLayerTest.random(rng, blocks * cols * len);
            float[] w = SparseLayerTest.random(rng, rows * cols);
            SparseKernels.gatherValues(w, ix.rowFlat, ix.rowValues, 0, ix.active);
            SparseKernels.gatherValues(ix.rowValues, ix.colToRow, ix.colValues, 0, ix.active);

            float[] dW = new float[rows * cols];
            float[] y = new float[blocks * cols * len];
            float[] firstDW = null;
            float[] firstY = null;
            for (long call = 0; call < CALLS; call++) {
                SparseSimd.activeWeightGrad(x, rows * len, xOffsets, g, cols * len, len, ix.rowStart, ix.rowCol,
                        ix.rowFlat, dW, blocks, len, 0, rows);
                SparseSimd.combineLists(x, rows * len, ix.colValues, ix.colStart, ix.colOffset, y, cols * len,
                        gOffsets, cols, len, 0, 0, blocks * cols);
                if (firstDW == null) {
                    firstDW = dW.clone();
                    firstY = y.clone();
                } else if (!Arrays.equals(firstDW, dW) || !Arrays.equals(firstY, y)) {
                    System.out.println("call " + call + " differs from the first: "
                            + (Arrays.equals(firstDW, dW) ? "combineLists" : "activeWeightGrad"));
                    System.exit(1);
                }
            }
            System.out.println(CALLS + " calls, same bits");
        }
    }
}
