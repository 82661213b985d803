package sparsedrl.agent.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sparsedrl.cli.SparseDrl;

/**
 * Runs several {@code sparsedrl} command lines one after another in this JVM, so that all but the
 * first find the kernels already compiled by the JIT. The command lines are separated by a lone
 * {@value #SEPARATOR} argument; the exit code is the first non-zero one (the rest are not run).
 */
public final class CommandSequenceMain {
    public static final String SEPARATOR = ";";

    private CommandSequenceMain() {
    }

    public static void main(String[] args) {
        List<String> command = new ArrayList<>();
        for (String a : Arrays.copyOf(args, args.length + 1)) {
            if (a != null && !a.equals(SEPARATOR)) {
                command.add(a);
                continue;
            }
            int code = SparseDrl.execute(command.toArray(String[]::new));
            if (code != 0) {
                System.exit(code);
            }
            command.clear();
        }
        System.exit(0);
    }
}
