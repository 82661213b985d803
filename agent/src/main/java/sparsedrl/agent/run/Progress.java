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
    static Progress forTerminal(String task, long totalFrames, long doneFrames) {
        if (System.console() != null) {
            return new TerminalProgress(task, totalFrames, doneFrames);
        }
        return new LogProgress(task, totalFrames, doneFrames, System.err, 30);
    }
}
