package sparsedrl.agent.run;

import java.nio.file.Path;

/**
 * A run stopped on request (a signal) between two agent steps, after writing a checkpoint of that
 * point; {@code sparsedrl resume} continues it bit-identically.
 *
 * @see StopSignals
 */
public final class RunStoppedException extends RuntimeException {
    private final String signal;
    private final Path checkpoint;

    RunStoppedException(String signal, Path checkpoint, String position) {
        super("stopped by " + signal + " " + position + "; checkpoint written: " + checkpoint);
        this.signal = signal;
        this.checkpoint = checkpoint;
    }

    public String signal() {
        return signal;
    }

    public Path checkpoint() {
        return checkpoint;
    }
}
