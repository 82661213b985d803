package sparsedrl.agent.roms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a ROM in plain Java before the emulator sees it: ALE's {@code loadROM} aborts or crashes
 * the JVM on a missing or unknown file, so nothing unvalidated may reach it.
 */
public final class RomValidator {
    /** Larger than any Atari 2600 cartridge ALE supports (the biggest is 64 KiB); read no further. */
    private static final long MAX_ROM_BYTES = 1 << 20;
    private static final String INSTALL_FIX = "run `sparsedrl roms install` (or pass --rom-dir)";

    private RomValidator() {
    }

    /**
     * Validates {@code <romDir>/<game>.bin}.
     *
     * @param envId how the user named the environment ({@code atari:pong}); starts every message
     * @throws RomException naming the game, the problem and the fix
     */
    public static ValidRom validate(String envId, String game, Path romDir) {
        String expected = KnownRoms.md5(game);
        String fileName = KnownRoms.fileName(game);
        if (expected == null) {
            throw new RomException(envId + ": no supported Atari ROM is named " + fileName
                    + ". Fix: use one of " + String.join(", ", KnownRoms.games()));
        }
        Path file = romDir.resolve(fileName);
        if (!Files.exists(file)) {
            String where = Files.isDirectory(romDir) ? "in " + romDir : "(the ROM folder " + romDir + " does not exist)";
            throw new RomException(envId + ": ROM " + fileName + " not found " + where + ". Fix: " + INSTALL_FIX);
        }
        if (!Files.isRegularFile(file)) {
            String kind = Files.isDirectory(file) ? "a directory" : "not a regular file";
            throw new RomException(envId + ": " + file + " is " + kind + ", not a ROM file. Fix: remove it and "
                    + INSTALL_FIX);
        }
        if (!Files.isReadable(file)) {
            throw new RomException(envId + ": " + file + " is not readable. Fix: give the user read access "
                    + "(chmod u+r) or " + INSTALL_FIX);
        }
        byte[] data = read(envId, file);
        String actual = Md5.hex(data);
        if (!actual.equals(expected)) {
            throw new RomException(envId + ": " + file + " is corrupt or a different ROM (md5 " + actual
                    + ", " + data.length + " bytes; expected md5 " + expected + "). Fix: delete it and "
                    + INSTALL_FIX);
        }
        return new ValidRom(game, file, actual);
    }

    private static byte[] read(String envId, Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_ROM_BYTES) {
                throw new RomException(envId + ": " + file + " has " + size + " bytes, too large for an Atari 2600 ROM. "
                        + "Fix: delete it and " + INSTALL_FIX);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RomException(envId + ": cannot read " + file + " (" + e.getMessage() + "). Fix: " + INSTALL_FIX, e);
        }
    }
}
