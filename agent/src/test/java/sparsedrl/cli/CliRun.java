package sparsedrl.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * A {@code sparsedrl} command line run in this JVM, with everything it printed: the command's own
 * output and errors, and what the run logs on System.out and System.err.
 *
 * @param code the exit code
 * @param out  standard output
 * @param err  standard error
 */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        // before the command line is built: picocli's default strategy keeps the streams it saw then
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            CommandLine cl = SparseDrl.commandLine();
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            int code = cl.execute(args);
            cl.getOut().flush();
            cl.getErr().flush();
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
