package sparsedrl.cli;

/** Bad input from the user: reported with a clear message and exit code 2, nothing written. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
