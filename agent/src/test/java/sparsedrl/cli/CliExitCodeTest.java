package sparsedrl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's usage errors and exit codes: 0 ok, 2 bad usage, 1 runtime failure. */
class CliExitCodeTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = SparseDrl.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEverySubcommand() {
        Run r = run("--help");
        assertEquals(SparseDrl.EXIT_OK, r.code());
        for (String sub : List.of("train", "resume", "sweep", "analyze", "bench", "devices", "roms")) {
            assertTrue(r.out().contains("  " + sub + " "), "missing " + sub + " in:\n" + r.out());
        }
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : List.of("train", "resume", "sweep", "analyze", "bench", "devices", "roms")) {
            Run r = run(sub, "--help");
            assertEquals(SparseDrl.EXIT_OK, r.code(), sub);
            assertTrue(r.out().startsWith("Usage: sparsedrl " + sub), r.out());
        }
    }

    @Test
    void versionIsPrinted() {
        Run r = run("--version");
        assertEquals(SparseDrl.EXIT_OK, r.code());
        assertTrue(r.out().startsWith("sparsedrl "), r.out());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Run r = run("frobnicate");
        assertEquals(SparseDrl.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertEquals(SparseDrl.EXIT_USAGE, run().code());
        assertEquals(SparseDrl.EXIT_USAGE, run("bench").code());
        assertEquals(SparseDrl.EXIT_USAGE, run("roms").code());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("train", "--no-such-flag");
        assertEquals(SparseDrl.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--no-such-flag"), r.err());
    }

    @Test
    void usageExceptionMapsToTwoAndRuntimeFailureToOne() {
        CommandLine cl = new CommandLine(new Failing());
        cl.setExecutionExceptionHandler(SparseDrl.commandLine().getExecutionExceptionHandler());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(SparseDrl.EXIT_USAGE, cl.execute("usage"));
        assertTrue(err.toString().contains("sparsedrl: bad value"), err.toString());
        assertEquals(SparseDrl.EXIT_FAILURE, cl.execute("runtime"));
        assertTrue(err.toString().contains("sparsedrl: disk on fire"), err.toString());
    }

    @Test
    void romDirOptionReachesTheAtariEnvironment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createDirectories(tmp.resolve("no-roms-here"));
        String[] args = {"train", "--env", "atari:pong", "--frames", "1000", "--replay-capacity", "1000", "--min-replay",
            "100", "--rom-dir", empty.toString(), "--out", tmp.resolve("run").toString()};
        Run r = run(args);
        assertEquals(SparseDrl.EXIT_FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("pong.bin") && r.err().contains(empty.toString()), r.err());
        // a run that fails before its first step leaves no stub: the same command fails the same way again
        assertTrue(java.nio.file.Files.notExists(tmp.resolve("run")));
        Run again = run(args);
        assertEquals(SparseDrl.EXIT_FAILURE, again.code(), again.err());
        assertTrue(again.err().contains("pong.bin"), again.err());
    }

    @CommandLine.Command(name = "failing")
    static final class Failing implements Runnable {
        @CommandLine.Parameters(index = "0")
        String kind;

        @Override
        public void run() {
            if (kind.equals("usage")) {
                throw new UsageException("bad value");
            }
            throw new IllegalStateException("disk on fire");
        }
    }
}
