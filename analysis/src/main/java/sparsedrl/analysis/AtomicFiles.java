package sparsedrl.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes result files so that a reader sees either the old file or the complete new one. */
public final class AtomicFiles {

    /** Produces a file's bytes into a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final String TEMP_PREFIX = ".";
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes to a temporary sibling, then renames it over {@code target}. A failure names the
     * target (a full disk says only "No space left on device").
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = Files.createTempFile(abs.getParent(), TEMP_PREFIX + abs.getFileName(), TEMP_SUFFIX);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            // temp files are created 0600; results are meant to be read by others (shared sweep folders)
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + abs + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Whether {@code name} is one of the temporary files {@link #write} makes for a file named
     * {@code target} (left behind only when the process was killed while writing).
     */
    public static boolean isTemporaryOf(String name, String target) {
        // Files.createTempFile puts an unsigned random long between prefix and suffix
        return name.startsWith(TEMP_PREFIX + target) && name.endsWith(TEMP_SUFFIX)
                && name.substring(TEMP_PREFIX.length() + target.length(), name.length() - TEMP_SUFFIX.length())
                        .matches("\\d{1,20}");
    }

    /** An I/O error as the user should read it: its message, or its kind when it has none. */
    public static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            m = fs.getReason();
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
