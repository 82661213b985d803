package sparsedrl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad sparsity options of {@code bench update} are usage errors (exit 2) with a message naming the option. */
class BenchUpdateSparsityOptionsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--sparsity, 1.0", "--sparsity, -0.1", "--distribution, normal", "--sparse-threshold, -1"})
    void badSparsityOptionIsAUsageError(String option, String value) {
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = SparseDrl.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "update", "--net", "minatar", option, value);
        assertEquals(SparseDrl.EXIT_USAGE, code, err.toString());
        assertTrue(err.toString().contains(option), err.toString());
    }
}
