package sparsedrl.agent.roms;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ROMs we accept, by file name ({@code pong.bin}) and MD5, shipped in the jar so that a ROM is
 * validated without the wheel. The table {@code known-roms.json} was generated from
 * {@code ale_py/roms/md5.json} of ale-py 0.12.1, keeping the 104 ROMs that ALE 0.7.3 (our native
 * emulator) recognises through {@code ALEInterface.isSupportedROM}; combat, joust, maze_craze and
 * warlords are newer than 0.7.3 and left out, so they are rejected before any native call.
 */
public final class KnownRoms {

    /** The five games of the study, by ALE ROM name. */
    public static final List<String> STUDY_GAMES =
            List.of("pong", "breakout", "qbert", "ms_pacman", "space_invaders");

    private static final String RESOURCE = "known-roms.json";
    private static final Map<String, String> MD5_BY_FILE = load();

    private KnownRoms() {
    }

    /** The expected MD5 of {@code <game>.bin}, or null when the game is not supported. */
    public static String md5(String game) {
        return MD5_BY_FILE.get(fileName(game));
    }

    public static boolean isKnown(String game) {
        return MD5_BY_FILE.containsKey(fileName(game));
    }

    public static String fileName(String game) {
        return game + ".bin";
    }

    /** Every supported ROM name ({@code pong}, {@code ms_pacman}, ...), sorted. */
    public static List<String> games() {
        return MD5_BY_FILE.keySet().stream().map(f -> f.substring(0, f.length() - 4)).toList();
    }

    private static Map<String, String> load() {
        try (InputStream in = KnownRoms.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            Map<String, String> table = new ObjectMapper().readValue(in, new TypeReference<TreeMap<String, String>>() { });
            return Collections.unmodifiableMap(table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
