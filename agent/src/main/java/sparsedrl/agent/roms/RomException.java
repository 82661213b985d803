package sparsedrl.agent.roms;

/**
 * A ROM is missing, unreadable, unknown or corrupt, or the installer could not fetch or verify the
 * ROMs. The message names the game or file and the fix; the command line reports it with exit code 1.
 */
public final class RomException extends RuntimeException {
    public RomException(String message) {
        super(message);
    }

    public RomException(String message, Throwable cause) {
        super(message, cause);
    }
}
