package sparsedrl.agent.run;

/**
 * Where the runner reports progress: a progress bar on a terminal, plain log lines otherwise.
 * Progress is counted in training frames.
 */
public interface Progress extends AutoCloseable {

    /** Called often (every few hundred agent steps); implementations throttle themselves. */
    void update(long trainFrames, String status);

    /** One line per finished iteration, which ended at {@code trainFrames} training frames. */
    void iterationDone(long trainFrames, String line);

    @Override
    void close();

    /** A progress bar when a console is attached, plain lines on {@code System.err} otherwise. */
    static Progress forTerminal(String task, ProgressStart start) {
        if (System.console() != null) {
            return new TerminalProgress(task, start);
        }
        return new LogProgress(task, start, System.err, 30);
    }
}
