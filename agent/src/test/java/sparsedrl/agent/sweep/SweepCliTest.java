package sparsedrl.agent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.cli.SparseDrl;

/** Exit codes and outputs of `sparsedrl sweep` / `analyze` that need no training. */
class SweepCliTest {

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

    @Test
    void dryRunPrintsEveryRunAndTheCountAndWritesNothing(@TempDir Path dir) {
        int[] code = new int[1];
        String out = stdout(() -> code[0] = SparseDrl.execute("sweep", "paper-fig2", "--dry-run", "--games", "minatar",
                "--scale", "0.01", "--out", dir.resolve("s").toString()));
        assertEquals(0, code[0]);
        assertTrue(out.strip().endsWith("80 runs"), out);
        assertTrue(out.contains("minatar:freeway") && !out.contains("atari:"), out);
        assertFalse(Files.exists(dir.resolve("s")));
    }

    @Test
    void envsKeepsOnlyTheNamedGamesOfTheGrid() {
        int[] code = new int[1];
        // paper-fig1 on the small games: 5 games x (dense + 2 methods x 4 sparsities) x 2 bias x 3 seeds = 270
        // runs; two of the games leave 2 x 9 x 2 x 3 = 108.
        String out = stdout(() -> code[0] = SparseDrl.execute("sweep", "paper-fig1", "--dry-run", "--games", "minatar",
                "--seeds", "3", "--envs", "minatar:asterix,minatar:breakout"));
        assertEquals(0, code[0]);
        assertTrue(out.strip().endsWith("108 runs"), out);
        assertTrue(out.contains("minatar:asterix") && out.contains("minatar:breakout"), out);
        assertFalse(out.contains("minatar:freeway") || out.contains("minatar:seaquest")
                || out.contains("minatar:spaceinvaders"), out);
        // A game outside the grid (here an Atari id when the grid was mapped to the small games) is refused.
        assertEquals(2, SparseDrl.execute("sweep", "paper-fig1", "--dry-run", "--games", "minatar",
                "--envs", "atari:pong"));
    }

    @Test
    void badInputExitsWithTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, SparseDrl.execute("sweep", "no-such-preset", "--dry-run"));
        assertEquals(2, SparseDrl.execute("sweep", "smoke", "--dry-run", "--games", "nes"));
        assertEquals(2, SparseDrl.execute("sweep", "smoke", "--dry-run", "--scale", "-1"));
        assertEquals(2, SparseDrl.execute("sweep", "smoke"), "no --out");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"name\": \"x\", \"axes\": {\"env\": [\"minatar:breakout\"], \"method\": [\"rigl@x\"]}}");
        assertEquals(2, SparseDrl.execute("sweep", bad.toString(), "--dry-run"));
        assertEquals(2, SparseDrl.execute("analyze", dir.toString(), "--out", dir.resolve("r").toString()));
    }

    @Test
    void aDirectoryHoldingAnotherGridIsRefused(@TempDir Path dir) {
        Path s = dir.resolve("s");
        // --no-submit with slurm only writes sweep.json and the script: no training needed.
        String out = stdout(() -> assertEquals(0, SparseDrl.execute("sweep", "smoke", "--out", s.toString(),
                "--executor", "slurm", "--no-submit", "--slurm-concurrency", "2")));
        assertTrue(out.contains("6 array tasks"), out);
        assertTrue(Files.isRegularFile(s.resolve("sweep.json")));
        assertEquals(2, SparseDrl.execute("sweep", "smoke", "--seeds", "3", "--out", s.toString(),
                "--executor", "slurm", "--no-submit"));
    }

    @Test
    void controlCharactersInSbatchValuesAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("s");
        String injected = "--account=x\ntouch " + dir.resolve("pwned");
        for (String flag : List.of("--slurm-option", "--slurm-time", "--slurm-mem", "--slurm-partition")) {
            assertEquals(2, SparseDrl.execute("sweep", "smoke", "--out", s.toString(), "--executor", "slurm",
                    "--no-submit", flag, injected), flag);
            assertEquals(2, SparseDrl.execute("sweep", "smoke", "--out", s.toString(), "--executor", "slurm",
                    "--no-submit", flag, "x\ry"), flag + " with a carriage return");
        }
        Path spec = Files.writeString(dir.resolve("named.json"), "{\"name\": \"n\\ntouch /tmp/x\", "
                + "\"axes\": {\"env\": [\"minatar:breakout\"]}}");
        assertEquals(2, SparseDrl.execute("sweep", spec.toString(), "--out", s.toString(), "--executor", "slurm",
                "--no-submit"), "a sweep name with a newline");
        assertEquals(2, SparseDrl.execute("sweep", "smoke", "--out", dir.resolve("a\"b").toString(), "--executor",
                "slurm", "--no-submit"), "a quote in the output path");
        assertFalse(Files.exists(s));
        assertFalse(Files.exists(dir.resolve("a\"b")));
        assertFalse(Files.exists(dir.resolve("pwned")));
    }

    @Test
    void theJobScriptQuotesItsOutputPathAndAsksForASignalBeforeTheTimeLimit(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("sweep #1 at 100%");
        stdout(() -> assertEquals(0, SparseDrl.execute("sweep", "smoke", "--out", s.toString(), "--executor", "slurm",
                "--no-submit")));
        String script = Files.readString(s.resolve("slurm/sweep.sbatch"));
        assertTrue(script.contains("\n#SBATCH --output=\"" + s.toAbsolutePath().toString().replace("%", "%%")
                + "/slurm/%A_%a.out\"\n"), script);
        assertTrue(script.contains("\n#SBATCH --signal=B:USR1@300\n"), script);
        stdout(() -> assertEquals(0, SparseDrl.execute("sweep", "smoke", "--out", s.toString(), "--executor", "slurm",
                "--no-submit", "--slurm-stop-before", "0")));
        assertFalse(Files.readString(s.resolve("slurm/sweep.sbatch")).contains("--signal"));
    }

    @Test
    void everyRunsTrainFlagsAreCheckedBeforeAnythingIsWrittenOrPrinted(@TempDir Path dir) {
        Path s = dir.resolve("s");
        for (List<String> bad : List.of(List.of("--flag", "nosuch=1"),
                List.of("--flag", "iterations=2", "--flag", "train-steps=100"), // with the sweep's --frames
                List.of("--flag", "lr=Infinity"),
                List.of("--flag", "sparsity=0.5"))) { // smoke has dense runs
            for (List<String> mode : List.of(List.of("--dry-run"), List.of("--executor", "slurm", "--no-submit"),
                    List.of("--executor", "local"))) {
                List<String> args = new java.util.ArrayList<>(List.of("sweep", "smoke", "--out", s.toString()));
                args.addAll(bad);
                args.addAll(mode);
                String out = stdout(() -> assertEquals(2, SparseDrl.execute(args.toArray(String[]::new)),
                        String.join(" ", args)));
                assertFalse(out.contains(" runs"), "nothing listed: " + out);
            }
        }
        assertFalse(Files.exists(s));
    }

    @Test
    void zeroWorkersIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        Path s = dir.resolve("s");
        assertEquals(2, SparseDrl.execute("sweep", "smoke", "--out", s.toString(), "--workers", "0"));
        assertFalse(Files.exists(s));
    }

    /** A sweep directory with its grid and no runs (a Slurm sweep written but not submitted). */
    private static Path emptySweep(Path dir) {
        Path s = dir.resolve("s");
        stdout(() -> assertEquals(0, SparseDrl.execute("sweep", "smoke", "--out", s.toString(), "--executor", "slurm",
                "--no-submit")));
        return s;
    }

    @Test
    void anEquivalenceMarginThatIsNotPositiveIsBadUsageAndWritesNothing(@TempDir Path dir) {
        Path s = emptySweep(dir);
        for (String bad : new String[] {"0", "-0.1", "NaN", "Infinity"}) {
            Path out = dir.resolve("r" + bad);
            assertEquals(2, SparseDrl.execute("analyze", s.toString(), "--out", out.toString(), "--equivalence-margin", bad),
                    bad);
            assertFalse(Files.exists(out), bad);
        }
    }

    @Test
    void analyzeWritesReportHtmlAndPrintsEveryClaimWithItsVerdict(@TempDir Path dir) {
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
