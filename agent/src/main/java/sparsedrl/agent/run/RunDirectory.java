package sparsedrl.agent.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import sparsedrl.agent.config.ConfigResolver;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.analysis.AtomicFiles;

/**
 * A run's folder: {@code config.json}, {@code metrics.csv}, {@code metrics.jsonl},
 * {@code checkpoints/}, and when finished {@code result.json}, {@code final-network.bin} and the
 * learning curve; also the marker {@value #MARKER}, written when the tool creates the folder, and
 * the lock {@value #LOCK}, held by the one process that trains in it.
 *
 * <p>{@code --force} empties a folder only when it carries the marker and holds nothing but the
 * files a run writes, and never while another process holds its lock. Checks that raise
 * IllegalArgumentException are user errors (nothing is written).
 */
public final class RunDirectory implements AutoCloseable {
    public static final String CONFIG = "config.json";
    /** Written by the tool into every run directory it creates: the proof that --force may empty it. */
    public static final String MARKER = ".sparsedrl-run";
    /** Locked by the process training in the directory. */
    public static final String LOCK = ".lock";
    public static final String CHECKPOINTS = "checkpoints";
    /** The learning curve's file name without extension ({@code .png} and {@code .svg} are written). */
    public static final String LEARNING_CURVE = "learning_curve";
    private static final String MARKER_TITLE = "sparsedrl run directory";
    /** Every file a run writes at the top of its directory, besides the marker and the lock. */
    private static final Set<String> RUN_FILES = Set.of(CONFIG, MetricsLog.CSV, MetricsLog.JSONL, RunResult.FILE,
            ExperimentRunner.FINAL_NETWORK, LEARNING_CURVE + ".png", LEARNING_CURVE + ".svg");
    private static final int SHOWN_FOREIGN = 5;

    private final Path dir;
    private final ExclusiveLock lock;
    /** This process made the folder itself / its lock file (and so may remove them when the run never starts). */
    private final boolean createdDir;
    private final boolean createdLock;

    private RunDirectory(Path dir, ExclusiveLock lock, boolean createdDir, boolean createdLock) {
        this.dir = dir;
        this.lock = lock;
        this.createdDir = createdDir;
        this.createdLock = createdLock;
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
     * Everything {@link #createNew} checks before it writes, without writing: an existing folder
     * must be empty, or with {@code force} be an unlocked run directory of this tool.
     */
    public static void checkCanCreate(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir)) {
            refuseIfLocked(dir);
            contentsToReplace(dir, force);
        }
    }

    /**
     * Prepares a folder for a new run: creates it (or takes an empty one), locks it and writes the
     * marker. An existing non-empty folder is an error unless {@code force} and it is a run
     * directory of this tool, whose run files are then deleted.
     */
    public static RunDirectory createNew(Path dir, boolean force) {
        checkCanCreate(dir, force);
        boolean createdDir = !Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create run directory " + dir + ": " + AtomicFiles.describe(e));
        }
        requireWritable(dir);
        boolean createdLock = !Files.exists(dir.resolve(LOCK), LinkOption.NOFOLLOW_LINKS);
        ExclusiveLock lock = lock(dir);
        RunDirectory rd = new RunDirectory(dir, lock, createdDir, createdLock);
        try {
            // checked again under the lock: another process may have written since the first look
            for (Path p : contentsToReplace(dir, force)) {
                Files.delete(p);
            }
            AtomicFiles.writeString(dir.resolve(MARKER), MARKER_TITLE + "\n"
                    + "Created " + Instant.now() + " by sparsedrl for one training run. 'sparsedrl train --force'\n"
                    + "replaces this folder only while it holds this file and nothing but what a run writes.\n");
        } catch (IOException | RuntimeException e) {
            rd.release();
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("--force: cannot empty " + dir + ": "
                    + (e instanceof IOException io ? AtomicFiles.describe(io) : e.getMessage()));
        }
        return rd;
    }

    /**
     * Opens an existing run folder for resuming: locks it and deletes the temporary files of writes
     * a killed process left (only names this tool writes), reporting them on {@code log}.
     */
    public static RunDirectory open(Path dir, PrintStream log) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException(dir + " is not a run directory (no " + CONFIG + ")");
        }
        if (Files.exists(dir.resolve(RunResult.FILE))) {
            throw new IllegalArgumentException("run " + dir + " has already finished (" + RunResult.FILE + " exists)");
        }
        requireWritable(dir);
        RunDirectory rd = new RunDirectory(dir, lock(dir), false, false);
        try {
            List<String> removed = rd.removeTemporaries();
            if (!removed.isEmpty()) {
                log.println("sparsedrl: removed " + removed.size() + " unfinished temporary file(s) of a killed write: "
                        + String.join(", ", removed));
            }
        } catch (IOException e) {
            rd.close();
            throw new UncheckedIOException("cannot clean up " + dir + ": " + AtomicFiles.describe(e), e);
        }
        return rd;
    }

    private List<String> removeTemporaries() throws IOException {
        List<String> removed = new ArrayList<>();
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            if (isTemporaryOfRunFile(name) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(p);
                removed.add(name);
            }
        }
        for (String name : new CheckpointStore(dir.resolve(CHECKPOINTS)).removeTemporaries()) {
            removed.add(CHECKPOINTS + "/" + name);
        }
        return removed;
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

    /**
     * Removes what {@link #createNew} and the run wrote, for a run that failed before its first
     * agent step, so that the same command can simply be repeated: the run files, the marker, the
     * lock file and the folder when this process made them. Releases the lock.
     */
    public void discardUnstarted() {
        try {
            // this process wrote every run file here: the folder was empty or emptied under the lock
            for (Path p : runFiles(dir)) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir.resolve(MARKER));
        } catch (IOException | IllegalArgumentException e) {
            // something else appeared in the folder: leave it and the folder alone
        }
        release();
    }

    /** Releases the lock, removing the lock file and the folder when this process made them (the folder only if empty). */
    private void release() {
        if (createdLock || createdDir) {
            lock.closeAndDelete();
        } else {
            lock.close();
        }
        if (createdDir) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // not empty: it holds something this process did not write, so it stays
            }
        }
    }

    private static ExclusiveLock lock(Path dir) {
        try {
            return ExclusiveLock.tryAcquire(dir.resolve(LOCK)).orElseThrow(() -> inUse(dir));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot lock run directory " + dir + ": " + AtomicFiles.describe(e));
        }
    }

    private static void refuseIfLocked(Path dir) {
        try {
            if (ExclusiveLock.isHeld(dir.resolve(LOCK))) {
                throw inUse(dir);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot check the lock of run directory " + dir + ": "
                    + AtomicFiles.describe(e));
        }
    }

    private static IllegalArgumentException inUse(Path dir) {
        return new IllegalArgumentException("run directory " + dir + " is in use by another sparsedrl process"
                + ExclusiveLock.holder(dir.resolve(LOCK)) + "; it is never replaced while locked");
    }

    /** What must be deleted before a new run may start in an existing folder (the lock file aside). */
    private static List<Path> contentsToReplace(Path dir, boolean force) {
        boolean empty = list(dir).stream().allMatch(p -> p.getFileName().toString().equals(LOCK));
        if (empty) {
            return List.of();
        }
        if (!force) {
            throw new IllegalArgumentException("run directory " + dir + " already exists and is not empty; "
                    + "use --force to replace it, or 'sparsedrl resume " + dir + "' to continue it");
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || !MARKER_TITLE.equals(firstLine(marker))) {
            throw new IllegalArgumentException("--force replaces only a run directory that sparsedrl created (it holds "
                    + MARKER + "); " + dir + " is not one, so nothing was deleted: choose another --out, or remove "
                    + "its contents yourself");
        }
        List<Path> files = runFiles(dir);
        files.add(marker);
        return files;
    }

    /**
     * The run files in a run directory, the checkpoint folder's files before the folder; refuses
     * (IllegalArgumentException) when anything else is there, so that nothing of the user's is ever deleted.
     */
    private static List<Path> runFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            boolean regular = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
            if ((name.equals(MARKER) || name.equals(LOCK)) && regular) {
                continue;
            }
            if (regular && (RUN_FILES.contains(name) || isTemporaryOfRunFile(name))) {
                files.add(p);
            } else if (name.equals(CHECKPOINTS) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                for (Path c : list(p)) {
                    if (Files.isRegularFile(c, LinkOption.NOFOLLOW_LINKS)
                            && CheckpointStore.isOwnFile(c.getFileName().toString())) {
                        files.add(c);
                    } else {
                        foreign.add(CHECKPOINTS + "/" + c.getFileName());
                    }
                }
                files.add(p);
            } else {
                foreign.add(name);
            }
        }
        if (!foreign.isEmpty()) {
            foreign.sort(null);
            String shown = String.join(", ", foreign.subList(0, Math.min(SHOWN_FOREIGN, foreign.size())))
                    + (foreign.size() > SHOWN_FOREIGN ? " and " + (foreign.size() - SHOWN_FOREIGN) + " more" : "");
            throw new IllegalArgumentException("--force replaces only a run directory that holds nothing but what a run "
                    + "writes; " + dir + " also holds " + shown + ", so nothing was deleted");
        }
        return files;
    }

    private static boolean isTemporaryOfRunFile(String name) {
        if (AtomicFiles.isTemporaryOf(name, MARKER)) {
            return true;
        }
        for (String f : RUN_FILES) {
            if (AtomicFiles.isTemporaryOf(name, f)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Path file) {
        try {
            byte[] head = new byte[MARKER_TITLE.length() + 1];
            int n;
            try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                n = in.readNBytes(head, 0, head.length);
            }
            return new String(head, 0, n, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + AtomicFiles.describe(e));
        }
    }

    private static void requireWritable(Path dir) {
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("run directory " + dir + " is not writable");
        }
    }

    @Override
    public void close() {
        lock.close();
    }
}
