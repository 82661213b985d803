package sparsedrl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import sparsedrl.agent.run.TrainingSession;

/**
 * The {@code sparsedrl} command. Exit codes: 0 success, 2 bad usage or a request the machine cannot
 * hold (picocli parameter errors and {@link UsageException}; nothing written), 1 runtime failure,
 * 3 stopped by a signal after writing a checkpoint ({@code resume} continues; a sweep: run it again).
 */
@Command(name = "sparsedrl",
        mixinStandardHelpOptions = true,
        versionProvider = SparseDrl.Version.class,
        description = "Sparse training in deep RL: DQN with pruning, RigL, SET and static masks, on the JVM or TornadoVM.",
        subcommands = {
            TrainCommand.class,
            ResumeCommand.class,
            SweepCommand.class,
            AnalyzeCommand.class,
            BenchCommand.class,
            DevicesCommand.class,
            DeviceCheckCommand.class,
            RomsCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class SparseDrl implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_STOPPED = TrainingSession.EXIT_STOPPED;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (used by tests, no System.exit). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The exit code of a training session that did not fail. */
    static int exitCode(TrainingSession.Outcome outcome) {
        return switch (outcome) {
            case FINISHED -> EXIT_OK;
            case STOPPED -> EXIT_STOPPED;
        };
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparseDrl());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException) {
                commandLine.getErr().println("sparsedrl: " + ex.getMessage());
                commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
                return EXIT_USAGE;
            }
            commandLine.getErr().println("sparsedrl: " + describe(ex));
            if (System.getenv("SPARSEDRL_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return EXIT_FAILURE;
        });
        return cl;
    }

    private static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }

    /** Reads the version from the jar manifest (falls back to "dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SparseDrl.class.getPackage().getImplementationVersion();
            return new String[] {"sparsedrl " + (v == null ? "dev" : v),
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")};
        }
    }
}
