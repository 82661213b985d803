package sparsedrl.agent.run;

/** Whether the work should stop at its next safe point, and why. */
@FunctionalInterface
public interface StopRequest {
    /** Never asks to stop. */
    StopRequest NEVER = () -> null;

    /** The name of the signal that asked to stop (e.g. "SIGTERM"), or null to go on. */
    String stopSignal();
}
