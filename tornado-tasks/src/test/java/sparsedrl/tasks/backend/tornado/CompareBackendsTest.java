package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.net.NetworkSpec;

/**
 * The rows of {@link CompareBackends#compare} in a plain JVM (no TornadoVM): the first JVM row is the
 * reference, a second JVM run of the same workload matches it exactly (the JVM backend is deterministic),
 * and a TornadoVM device that cannot start gives a FAILED row without stopping the others.
 */
class CompareBackendsTest {

    private static ProbeWorkload workload() {
        // 95% masks re-drawn after the first update: the sparse kernels and the mask change
        return new ProbeWorkload(NetworkSpec.minatar(4, 6, Set.of()), 8, 3, 0.95, 0.99f, 0.95);
    }

    @Test
    void theFirstJvmRowIsTheReferenceAndASecondRunMatchesItExactly() {
        List<CompareBackends.Row> rows = CompareBackends.compare(workload(), List.of("jvm", "jvm"), 4, 1, LossKind.HUBER);
        assertEquals(CompareBackends.Verdict.REFERENCE, rows.get(0).verdict());
        assertTrue(Double.isNaN(rows.get(0).maxAbsDq()));
        CompareBackends.Row second = rows.get(1);
        assertEquals(CompareBackends.Verdict.OK, second.verdict(), second.problems().toString());
        assertEquals(0.0, second.maxAbsDq());
        assertEquals(0.0, second.maxAbsDw());
        assertTrue(second.updatesPerSecond() > 0);
        assertTrue(second.ok());
    }

    @Test
    void aDeviceThatCannotStartFailsItsRowOnly() {
        List<CompareBackends.Row> rows = CompareBackends.compare(workload(), List.of("jvm", "tornado:0:0", "jvm"), 3, 1,
                LossKind.MSE);
        assertEquals(3, rows.size());
        CompareBackends.Row failed = rows.get(1);
        assertEquals(CompareBackends.Verdict.FAILED, failed.verdict());
        assertFalse(failed.ok());
        assertTrue(failed.problems().get(0).contains("TornadoVM"), failed.problems().toString());
        assertEquals(CompareBackends.Verdict.OK, rows.get(2).verdict());
    }
}
