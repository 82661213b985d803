package sparsedrl.agent.roms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import sparsedrl.analysis.AtomicFiles;

/**
 * Writes verified ROMs into the ROM folder. Idempotent: a file already holding the right bytes is
 * left alone; anything else at that name is replaced atomically (temporary file, then rename), so
 * a reader never sees a half-written ROM.
 */
public final class RomInstaller {

    /** What an installation did. */
    public record Result(Path dir, int written, int unchanged) {
        public int total() {
            return written + unchanged;
        }
    }

    private RomInstaller() {
    }

    /** Downloads the ale-py wheel into a temporary folder (removed afterwards) and installs its ROMs. */
    public static Result installWithPip(PipWheelDownloader downloader, Path dir) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("sparsedrl-ale-py-");
        } catch (IOException e) {
            throw new RomException("cannot create a temporary folder for the wheel (" + e.getMessage() + ")", e);
        }
        try {
            return installFromWheel(downloader.download(tmp), dir);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Verifies every ROM of the wheel against its md5.json, then installs them into {@code dir}. */
    public static Result installFromWheel(Path wheel, Path dir) {
        return install(WheelRoms.readVerified(wheel), dir);
    }

    /** Installs already verified ROMs (file name to content) into {@code dir}. */
    public static Result install(Map<String, byte[]> roms, Path dir) {
        try {
            Files.createDirectories(dir);
            int written = 0;
            int unchanged = 0;
            for (Map.Entry<String, byte[]> rom : roms.entrySet()) {
                Path target = dir.resolve(rom.getKey());
                if (holds(target, rom.getValue())) {
                    unchanged++;
                } else {
                    writeAtomically(target, rom.getValue());
                    written++;
                }
            }
            return new Result(dir, written, unchanged);
        } catch (IOException e) {
            throw new RomException("cannot write the ROMs to " + dir + " (" + e + "). Fix: choose a writable "
                    + "folder with --dir", e);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the ROMs are already installed or refused.
        }
    }

    private static boolean holds(Path target, byte[] content) throws IOException {
        return Files.isRegularFile(target) && Files.size(target) == content.length
                && Arrays.equals(Files.readAllBytes(target), content);
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory; remove it first");
        }
        AtomicFiles.write(target, out -> out.write(content));
    }
}
