package sparsedrl.agent.roms;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the installed ROMs for tests that need the real emulator: {@code $SPARSEDRL_ROMS}, else
 * {@code roms/} of the repository (the folder holding env.sh). Such tests are skipped, with the
 * reason printed, when the ROMs are absent; CI installs them first.
 */
public final class TestRoms {
    private TestRoms() {
    }

    public static Path dir() {
        String env = System.getenv(RomDirectory.ENV_VAR);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("env.sh"))) {
                return p.resolve("roms");
            }
        }
        return Path.of("roms").toAbsolutePath();
    }

    /** The ROM folder, or skips the calling test when {@code game}'s ROM is not installed and valid. */
    public static Path requireRom(String game) {
        Path dir = dir();
        String problem = null;
        try {
            RomValidator.validate("atari:" + game, game, dir);
        } catch (RomException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            System.out.println("SKIPPED (no ROM): " + problem);
        }
        assumeTrue(problem == null, () -> "ROM not installed: run `sparsedrl roms install`");
        return dir;
    }
}
