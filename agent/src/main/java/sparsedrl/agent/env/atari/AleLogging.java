package sparsedrl.agent.env.atari;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * Switches ALE's console output (the banner printed by the {@code ALEInterface} constructor and
 * the "Game console created" lines of {@code loadROM}) on or off.
 *
 * <p>The JavaCPP presets do not map {@code ale::Logger}, but libale exports its mode as the global
 * {@code ale::Logger::current_mode} (an int enum: Info 0, Warning 1, Error 2). We write it through
 * the address JavaCPP's {@code Loader.addressof} finds in the loaded library, before any interface
 * is built, so nothing is printed and no stream is redirected. The mode is process-wide: the last
 * environment created decides. Should a platform's libale not export the symbol, output stays on.
 */
final class AleLogging {
    private static final String MODE_SYMBOL = "_ZN3ale6Logger12current_modeE";
    private static final int INFO = 0;
    private static final int ERROR = 2;

    private AleLogging() {
    }

    static synchronized void configure(boolean verbose) {
        Loader.load(org.bytedeco.ale.global.ale.class);
        Pointer mode = Loader.addressof(MODE_SYMBOL);
        if (mode != null && !mode.isNull()) {
            new IntPointer(mode).put(verbose ? INFO : ERROR);
        }
    }
}
