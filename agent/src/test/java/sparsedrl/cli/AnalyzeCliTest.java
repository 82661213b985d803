package sparsedrl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sparsedrl analyze` on a sweep with no finished run: the equivalence margin flag and report.html. */
class AnalyzeCliTest {

    private static String stdout(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString();
    }

    /** A sweep directory with its grid and no runs (a Slurm sweep written but not submitted). */
    private static Path emptySweep(Path dir) {
        Path s = dir.resolve("s");
        stdout(() -> assertEquals(0, SparseDrl.execute("sweep", "smoke", "--out", s.toString(), "--executor", "slurm",
                "--no-submit")));
        return s;
    }

    @Test
    void aMarginThatIsNotPositiveIsBadUsageAndWritesNothing(@TempDir Path dir) {
        Path s = emptySweep(dir);
        for (String bad : new String[] {"0", "-0.1", "NaN", "Infinity"}) {
            Path out = dir.resolve("r" + bad);
            assertEquals(2, SparseDrl.execute("analyze", s.toString(), "--out", out.toString(), "--equivalence-margin", bad),
                    bad);
            assertFalse(Files.exists(out), bad);
        }
    }

    @Test
    void writesReportHtmlAndPrintsEveryClaimWithItsVerdict(@TempDir Path dir) {
        Path s = emptySweep(dir);
        Path out = dir.resolve("r");
        String printed = stdout(() -> assertEquals(0, SparseDrl.execute("analyze", s.toString(), "--out", out.toString(),
                "--bootstrap", "100", "--equivalence-margin", "0.05")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(printed.contains("finding (a): not testable"), printed);
        assertTrue(printed.contains("  a2 not testable: RigL from 20% closes the gap"), printed);
        assertTrue(printed.contains("report.html"), printed);
    }
}
