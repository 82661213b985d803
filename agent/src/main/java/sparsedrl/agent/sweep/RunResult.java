package sparsedrl.agent.sweep;

import sparsedrl.analysis.runs.RunEntry;

/** How one run ended in this sweep invocation. */
public record RunResult(RunEntry run, Outcome outcome, String error) {

    public enum Outcome { SKIPPED_FINISHED, COMPLETED, FAILED }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
