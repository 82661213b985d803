package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TornadoVM backend against the JVM backend on the same seeded workloads, on TornadoVM's
 * default device (see {@link TornadoEquivalenceMain} for the checks, {@link ProbeComparison} for
 * the tolerance). TornadoVM needs its own launcher and module path, so the checks run in a child
 * JVM started by {@code $TORNADOVM_HOME/bin/tornado} with bailouts to Java disabled: a kernel
 * TornadoVM cannot compile fails the test instead of running on the host.
 *
 * <p>Skipped, with the reason printed, when no SDK is present; failed instead where the environment
 * requires an SDK ({@link TornadoTestSdk}, CI). Part of the default suite wherever an
 * SDK is found (TornadoVM compiles some 80 kernels: about 40 s of CPU, 1-3 minutes on a loaded
 * 2-core machine). Alone: {@code mvn -pl tornado-tasks -am test -Dtest='TornadoBackendEquivalenceTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
class TornadoBackendEquivalenceTest {

    @TempDir
    Path tmp;

    @Test
    void tornadoMatchesTheJvmBackend() throws Exception {
        Path sdk = TornadoTestSdk.sdkOrSkip();
        // Every generated kernel goes to a file, which the run checks for double precision.
        Path kernels = tmp.resolve("kernels.cl");
        TornadoChildJvm.Outcome o = TornadoChildJvm.run(sdk, TornadoEquivalenceMain.class,
                "-Dtornado.printKernel=true -Dtornado.print.kernel.dir=" + kernels, 1200, "0:0");
        assertEquals(0, o.exitCode(), "TornadoVM equivalence run failed:\n" + o.output());
        assertTrue(o.output().contains(TornadoEquivalenceMain.PASSED), o.output());
        assertTrue(o.output().contains("none uses double"), o.output());
    }
}
