package sparsedrl.agent.roms;

import java.nio.file.Path;

/** Where the ROMs live when no {@code --rom-dir} is given. */
public final class RomDirectory {
    /** Environment variable naming the ROM folder; {@code env.sh} sets it to {@code <repo>/roms}. */
    public static final String ENV_VAR = "SPARSEDRL_ROMS";

    private RomDirectory() {
    }

    /** {@code $SPARSEDRL_ROMS} when set, else {@code ./roms}. */
    public static Path defaultDir() {
        String env = System.getenv(ENV_VAR);
        return (env == null || env.isBlank() ? Path.of("roms") : Path.of(env)).toAbsolutePath().normalize();
    }

    /** {@code explicit} when given, else {@link #defaultDir()}. */
    public static Path resolve(Path explicit) {
        return explicit == null ? defaultDir() : explicit.toAbsolutePath().normalize();
    }
}
