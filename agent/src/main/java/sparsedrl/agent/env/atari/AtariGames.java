package sparsedrl.agent.env.atari;

import java.util.Locale;
import sparsedrl.agent.roms.KnownRoms;

/** Maps what users type ({@code pong}, {@code ms_pacman}, {@code MsPacman}, {@code spaceinvaders}) to ALE ROM names. */
public final class AtariGames {
    private AtariGames() {
    }

    /**
     * The ALE ROM name for {@code name}: compared lower-case and ignoring underscores and dashes,
     * so {@code mspacman} and {@code ms-pacman} find {@code ms_pacman}.
     *
     * @throws IllegalArgumentException naming the supported games when none matches
     */
    public static String romName(String name) {
        String key = squash(name);
        for (String game : KnownRoms.games()) {
            if (squash(game).equals(key)) {
                return game;
            }
        }
        throw new IllegalArgumentException("unknown Atari game '" + name + "'; supported: "
                + String.join(", ", KnownRoms.games()));
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
