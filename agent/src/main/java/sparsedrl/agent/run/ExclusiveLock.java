package sparsedrl.agent.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive advisory lock on a lock file, held by this process until closed. The operating
 * system drops it when the process dies, so a killed run never leaves a stale lock. The holder's
 * pid is written into the file so that a refusal can name the process.
 */
public final class ExclusiveLock implements AutoCloseable {
    /**
     * Lock files held in this JVM. POSIX locks belong to the process: opening and closing a second
     * channel on a held file would release the lock, so a second holder here is refused before any
     * channel is opened.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private ExclusiveLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} (created when missing; a symbolic link is never followed).
     *
     * @return the lock, or empty when another process or another holder in this JVM has it
     */
    public static Optional<ExclusiveLock> tryAcquire(Path file) throws IOException {
        return acquire(file, true);
    }

    /** Whether some process (this one included) holds the lock on {@code file}; false when it does not exist. */
    public static boolean isHeld(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Optional<ExclusiveLock> probe = acquire(file, false);
        probe.ifPresent(ExclusiveLock::close);
        return probe.isEmpty();
    }

    /** @param own create the file when missing and write this process's pid into it (else only probe) */
    private static Optional<ExclusiveLock> acquire(Path file, boolean own) throws IOException {
        Path key = key(file);
        if (!HELD.add(key)) {
            return Optional.empty();
        }
        FileChannel ch = null;
        try {
            ch = own ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                    : FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                HELD.remove(key);
                return Optional.empty();
            }
            if (own) {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            }
            return Optional.of(new ExclusiveLock(key, ch, lock));
        } catch (IOException | OverlappingFileLockException e) {
            if (ch != null) {
                ch.close();
            }
            HELD.remove(key);
            if (e instanceof IOException io) {
                throw io;
            }
            return Optional.empty();
        }
    }

    /** " (pid N)" from a lock file's content when it names one, else "". */
    public static String holder(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return s.matches("\\d{1,10}") ? " (pid " + s + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Path key(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return abs.getParent().toRealPath().resolve(abs.getFileName());
    }

    /** Deletes the lock file, then releases the lock (for a directory this process created and gives up). */
    public void closeAndDelete() {
        try {
            Files.deleteIfExists(key);
        } catch (IOException ignored) {
            // the lock file is tiny; a leftover is harmless
        }
        close();
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // releasing a lock cannot fail in a way worth reporting; the OS drops it at exit anyway
        } finally {
            HELD.remove(key);
        }
    }
}
