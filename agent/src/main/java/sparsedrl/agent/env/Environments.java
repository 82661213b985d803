package sparsedrl.agent.env;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import sparsedrl.agent.env.atari.AtariEnvironment;
import sparsedrl.agent.env.atari.AtariGames;
import sparsedrl.agent.env.minatar.MinAtarEnvironment;
import sparsedrl.agent.roms.KnownRoms;

/**
 * Creates environments from ids of the form {@code family:game}, case-insensitive:
 * {@code minatar:<breakout|spaceinvaders|asterix|freeway|seaquest>} (built in, no ROMs) and
 * {@code atari:<ALE ROM name>} (aliases without underscores, such as {@code atari:mspacman}, work too).
 */
public final class Environments {
    public static final String MINATAR = "minatar";
    public static final String ATARI = "atari";

    private Environments() {
    }

    /** A parsed, validated id: the family and the game's canonical name (ALE ROM name for Atari). */
    public record EnvId(String family, String game) {
        @Override
        public String toString() {
            return family + ":" + game;
        }
    }

    /**
     * Opens the environment; call {@link Environment#reset(long)} before stepping it.
     *
     * @throws IllegalArgumentException for a malformed id or an unknown family or game
     * @throws sparsedrl.agent.roms.RomException when an Atari ROM is missing or corrupt
     */
    public static Environment create(String id, EnvConfig config) {
        EnvId parsed = parse(id);
        return switch (parsed.family()) {
            case MINATAR -> MinAtarEnvironment.create(parsed.game(), config);
            case ATARI -> AtariEnvironment.create(parsed.game(), config);
            default -> throw new IllegalStateException("unhandled family " + parsed.family());
        };
    }

    /**
     * Checks an id without opening anything (no ROM is read).
     *
     * @throws IllegalArgumentException naming the valid ids when {@code id} is not one
     */
    public static EnvId parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("no environment id given; " + overview());
        }
        String trimmed = id.trim().toLowerCase(Locale.ROOT);
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "environment id '" + id + "' must look like family:game; " + overview());
        }
        String family = trimmed.substring(0, colon);
        String game = trimmed.substring(colon + 1);
        switch (family) {
            case MINATAR -> {
                if (!MinAtarEnvironment.GAMES.contains(game)) {
                    throw new IllegalArgumentException("unknown MinAtar game in '" + id + "'; valid ids: "
                            + String.join(", ", minatarIds()));
                }
                return new EnvId(MINATAR, game);
            }
            case ATARI -> {
                try {
                    return new EnvId(ATARI, AtariGames.romName(game));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown Atari game in '" + id + "'; valid ids: "
                            + String.join(", ", atariIds()), e);
                }
            }
            default -> throw new IllegalArgumentException(
                    "unknown environment family '" + family + "' in '" + id + "'; " + overview());
        }
    }

    /** Every valid canonical id: the MinAtar games, then every supported Atari ROM. */
    public static List<String> knownIds() {
        List<String> ids = new ArrayList<>(minatarIds());
        ids.addAll(atariIds());
        return Collections.unmodifiableList(ids);
    }

    private static List<String> minatarIds() {
        return MinAtarEnvironment.GAMES.stream().map(g -> MINATAR + ":" + g).toList();
    }

    private static List<String> atariIds() {
        return KnownRoms.games().stream().map(g -> ATARI + ":" + g).toList();
    }

    private static String overview() {
        return "valid ids: " + String.join(", ", minatarIds()) + ", and atari:<ALE ROM name> such as "
                + String.join(", ", KnownRoms.STUDY_GAMES.stream().map(g -> ATARI + ":" + g).toList())
                + " (" + KnownRoms.games().size() + " ROMs supported)";
    }
}
