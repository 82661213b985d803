package sparsedrl.agent.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import sparsedrl.analysis.AtomicFiles;

/**
 * Checkpoint files {@code ckpt-NNNNNNNN.bin} in one folder. A file is the payload streamed by the
 * caller followed by a footer (payload length, CRC32 of the payload, end magic). Writing goes to a
 * temporary name, is forced to disk, then renamed; only then are older files removed, keeping the
 * newest {@link #KEEP} so that a damaged newest file can fall back to the one before it.
 */
public final class CheckpointStore {
    public static final int KEEP = 2;
    private static final byte[] END = "SDRLEND1".getBytes(StandardCharsets.US_ASCII);
    private static final int FOOTER = 8 + 8 + END.length;
    private static final Pattern NAME = Pattern.compile("ckpt-(\\d{8})\\.bin");
    /** A checkpoint being written (left behind only when the process was killed while writing it). */
    private static final Pattern TEMPORARY = Pattern.compile("\\.ckpt-\\d{8}\\.bin\\.tmp");

    /** Streams a checkpoint's payload. */
    @FunctionalInterface
    public interface PayloadWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a checkpoint's payload; any exception means the checkpoint is unusable. */
    @FunctionalInterface
    public interface PayloadReader {
        void read(DataInputStream in) throws IOException;
    }

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Complete checkpoint files (by name), newest first. */
    public List<Path> checkpoints() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        }
    }

    private int nextSequence() throws IOException {
        List<Path> existing = checkpoints();
        if (existing.isEmpty()) {
            return 1;
        }
        Matcher m = NAME.matcher(existing.get(0).getFileName().toString());
        m.matches();
        return Integer.parseInt(m.group(1)) + 1;
    }

    /** Whether a file of this name is one this store writes: a checkpoint or a checkpoint being written. */
    public static boolean isOwnFile(String name) {
        return NAME.matcher(name).matches() || TEMPORARY.matcher(name).matches();
    }

    /**
     * Deletes the temporary files of checkpoints whose writing was killed (only files of this
     * store's own naming, never a symbolic link); call with the run's lock held.
     *
     * @return the names deleted
     */
    public List<String> removeTemporaries() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (TEMPORARY.matcher(name).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                    removed.add(name);
                }
            }
        }
        return removed;
    }

    /** Writes a new checkpoint atomically and returns its path; a failure names the file. */
    public Path write(PayloadWriter writer) throws IOException {
        Path target = dir.resolve(String.format("ckpt-%08d.bin", nextSequence()));
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                CRC32 crc = new CRC32();
                CountingStream counting = new CountingStream(Channels.newOutputStream(ch));
                DataOutputStream out = new DataOutputStream(
                        new BufferedOutputStream(new CheckedOutputStream(counting, crc), 1 << 20));
                writer.write(out);
                out.flush();
                DataOutputStream footer = new DataOutputStream(counting);
                footer.writeLong(counting.count);
                footer.writeLong(crc.getValue());
                footer.write(END);
                footer.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } catch (IOException e) {
            throw new IOException("cannot write checkpoint " + target + ": " + AtomicFiles.describe(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        List<Path> all = checkpoints();
        for (int i = KEEP; i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
        return target;
    }

    /** Checks length and CRC of a checkpoint without interpreting it; throws IOException if damaged. */
    public static void verify(Path file) throws IOException {
        long size = Files.size(file);
        if (size < FOOTER) {
            throw new IOException("truncated (" + size + " bytes)");
        }
        long payload = size - FOOTER;
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20), crc)) {
            byte[] buf = new byte[1 << 16];
            long left = payload;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("truncated");
                }
                left -= n;
            }
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.skipNBytes(payload);
            long length = in.readLong();
            long sum = in.readLong();
            byte[] end = in.readNBytes(END.length);
            if (!java.util.Arrays.equals(end, END) || length != payload) {
                throw new IOException("truncated or not a checkpoint (bad footer)");
            }
            if (sum != crc.getValue()) {
                throw new IOException("corrupt (CRC32 mismatch)");
            }
        }
    }

    /**
     * Loads the newest checkpoint that verifies and reads, warning about each damaged one it skips.
     *
     * @param fresh called before each attempt so that a half-read damaged file leaves no trace
     * @return the file loaded, or null when there is no usable checkpoint
     */
    public Path loadNewest(PayloadReader reader, Runnable fresh, PrintStream warnings) throws IOException {
        List<String> skipped = new ArrayList<>();
        for (Path p : checkpoints()) {
            try {
                verify(p);
                fresh.run();
                try (DataInputStream in = new DataInputStream(
                        new BufferedInputStream(Files.newInputStream(p), 1 << 20))) {
                    reader.read(in);
                }
                return p;
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                warnings.println("sparsedrl: warning: checkpoint " + p + " is unusable (" + why
                        + "); falling back to the previous one");
                skipped.add(p.getFileName().toString());
            }
        }
        if (!skipped.isEmpty()) {
            warnings.println("sparsedrl: warning: no usable checkpoint (skipped " + skipped + ")");
        }
        return null;
    }

    /** Counts bytes on their way to the file (the payload length written in the footer). */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
