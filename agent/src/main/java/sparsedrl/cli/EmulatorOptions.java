package sparsedrl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import sparsedrl.agent.env.EnvConfig;

/**
 * Where this machine keeps the Atari ROMs and whether ALE may print. Local to the machine, not part
 * of a run's configuration: the ROM's md5 fixes its content, so a run resumed elsewhere with the ROMs
 * in another folder is the same run.
 */
public final class EmulatorOptions {
    @Option(names = "--rom-dir", paramLabel = "DIR",
            description = "Atari ROM folder (default: $SPARSEDRL_ROMS, else ./roms; filled by 'sparsedrl roms install')")
    Path romDir;

    @Option(names = "--ale-log", description = "show ALE's banner and console logging (off by default)")
    boolean aleLog;

    /** The given environment options with this machine's ROM folder and logging choice. */
    public EnvConfig applyTo(EnvConfig config) {
        EnvConfig c = config.withAleLog(aleLog);
        return romDir == null ? c : c.withRomDir(romDir.toAbsolutePath().normalize());
    }
}
