package sparsedrl.agent.sweep;

import sparsedrl.analysis.runs.RunEntry;

/** How one run ended in this sweep invocation. */
public record RunResult(RunEntry run, Outcome outcome, String error) {

    public enum Outcome {
        SKIPPED_FINISHED,
        COMPLETED,
        FAILED,
        /** Another process (a second sweep task, a train or resume) holds the run; it was left alone. */
        BUSY,
        /** Stopped by a signal: checkpointed (or not started); running the sweep again continues it. */
        STOPPED
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
