package sparsedrl.agent.roms;

import java.nio.file.Path;

/** A ROM file whose MD5 matched the known table: the only kind the emulator is allowed to load. */
public record ValidRom(String game, Path path, String md5) {
}
