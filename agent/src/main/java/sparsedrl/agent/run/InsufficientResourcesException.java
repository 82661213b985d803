package sparsedrl.agent.run;

/** The machine cannot hold a run (memory or disk); raised before anything large is allocated or written. */
public final class InsufficientResourcesException extends RuntimeException {
    public InsufficientResourcesException(String message) {
        super(message);
    }
}
