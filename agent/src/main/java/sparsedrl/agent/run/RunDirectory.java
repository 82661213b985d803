package sparsedrl.agent.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import sparsedrl.agent.config.ConfigResolver;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.analysis.AtomicFiles;

/**
 * A run's folder: {@code config.json}, {@code metrics.csv}, {@code metrics.jsonl},
 * {@code checkpoints/}, and when finished {@code result.json}, {@code final-network.bin} and the
 * learning curve. Checks that raise IllegalArgumentException are user errors (nothing is written).
 */
public final class RunDirectory implements AutoCloseable {
    public static final String CONFIG = "config.json";

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** {@code runs/<env>-<method>-<sparsity>-s<seed>-<timestamp>}. */
    public static Path defaultPath(RunConfig c) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = String.format(Locale.ROOT, "%s-%s-%s-s%d-%s", c.env().replace(':', '-'), c.method(),
                MetricsLog.format(c.sparsity()), c.seed(), stamp);
        return Path.of("runs", name);
    }

    /**
     * Prepares a folder for a new run. An existing non-empty folder is an error unless
     * {@code force}, which deletes it first.
     */
    public static RunDirectory createNew(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a directory");
        }
        if (isNonEmptyDir(dir)) {
            if (!force) {
                throw new IllegalArgumentException("run directory " + dir + " already exists and is not empty; "
                        + "use --force to replace it, or 'sparsedrl resume " + dir + "' to continue it");
            }
            requireWritable(dir.toAbsolutePath().getParent());
            deleteRecursively(dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create run directory " + dir + ": " + describe(e));
        }
        requireWritable(dir);
        RunDirectory rd = new RunDirectory(dir);
        rd.acquireLock();
        return rd;
    }

    /** Opens an existing run folder for resuming. */
    public static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException(dir + " is not a run directory (no " + CONFIG + ")");
        }
        if (Files.exists(dir.resolve(RunResult.FILE))) {
            throw new IllegalArgumentException("run " + dir + " has already finished (" + RunResult.FILE + " exists)");
        }
        requireWritable(dir);
        RunDirectory rd = new RunDirectory(dir);
        rd.acquireLock();
        return rd;
    }

    public RunConfig readConfig() {
        try {
            return ConfigResolver.fromJson(Files.readString(dir.resolve(CONFIG)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(CONFIG), e);
        }
    }

    public void writeConfig(RunConfig c) throws IOException {
        AtomicFiles.writeString(dir.resolve(CONFIG), ConfigResolver.toJson(c) + "\n");
    }

    /** One process per run folder: a second train/resume on it is refused. */
    private void acquireLock() {
        try {
            lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly();
            throw new IllegalArgumentException("run directory " + dir + " is in use by another sparsedrl process");
        }
    }

    private static boolean isNonEmptyDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + describe(e));
        }
    }

    private static void requireWritable(Path dir) {
        if (dir != null && !Files.isWritable(dir)) {
            throw new IllegalArgumentException("run directory " + dir + " is not writable");
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--force: cannot delete " + dir + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private void closeQuietly() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // releasing a lock on exit cannot fail in a way worth reporting
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
