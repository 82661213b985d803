package sparsedrl.agent.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparsedrl.agent.roms.RomException;

class EnvironmentsTest {

    @Test
    void minatarIdsAreCaseInsensitiveAndCanonicalised() {
        try (Environment env = Environments.create(" MinAtar:SpaceInvaders ", EnvConfig.defaults())) {
            assertEquals("minatar:spaceinvaders", env.id());
            assertEquals(new Environment.ObservationShape(10, 10, 6, 1), env.shape());
            env.reset(1);
            assertEquals(600, env.observation().length);
        }
    }

    @Test
    void atariAliasesResolveToAleRomNamesWithoutOpeningAnything() {
        assertEquals(new Environments.EnvId("atari", "ms_pacman"), Environments.parse("atari:mspacman"));
        assertEquals(new Environments.EnvId("atari", "space_invaders"), Environments.parse("ATARI:SpaceInvaders"));
        assertEquals(new Environments.EnvId("atari", "pong"), Environments.parse("atari:pong"));
        assertEquals("atari:qbert", Environments.parse("atari:qbert").toString());
    }

    @Test
    void atariIdsAreHandedToTheAtariEnvironment(@TempDir Path emptyRomDir) {
        RomException e = assertThrows(RomException.class,
                () -> Environments.create("atari:pong", EnvConfig.defaults().withRomDir(emptyRomDir)));
        assertTrue(e.getMessage().contains("pong"), e.getMessage());
    }

    @Test
    void unknownFamilyOrGameIsRejectedWithTheValidIds() {
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
                () -> Environments.create("nes:pong", EnvConfig.defaults()));
        assertTrue(family.getMessage().contains("minatar:breakout"), family.getMessage());
        assertTrue(family.getMessage().contains("atari:pong"), family.getMessage());

        IllegalArgumentException minatar = assertThrows(IllegalArgumentException.class,
                () -> Environments.create("minatar:pong", EnvConfig.defaults()));
        for (String game : List.of("breakout", "spaceinvaders", "asterix", "freeway", "seaquest")) {
            assertTrue(minatar.getMessage().contains("minatar:" + game), minatar.getMessage());
        }

        IllegalArgumentException atari = assertThrows(IllegalArgumentException.class,
                () -> Environments.create("atari:superpong", EnvConfig.defaults()));
        assertTrue(atari.getMessage().contains("atari:ms_pacman"), atari.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Environments.create("breakout", EnvConfig.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Environments.create(null, EnvConfig.defaults()));
    }

    @Test
    void knownIdsCoverBothFamiliesAndEachParsesToItself() {
        List<String> ids = Environments.knownIds();
        assertTrue(ids.containsAll(List.of("minatar:breakout", "minatar:spaceinvaders", "minatar:asterix",
                "minatar:freeway", "minatar:seaquest", "atari:pong", "atari:breakout", "atari:qbert",
                "atari:ms_pacman", "atari:space_invaders")), ids.toString());
        for (String id : ids) {
            assertEquals(id, Environments.parse(id).toString());
        }
    }

    @Test
    void configDefaultsAreTheDopamineAndMinAtarValues() {
        EnvConfig c = EnvConfig.defaults();
        assertNull(c.stickyActionProbability());
        assertEquals(0.25, c.stickyActionProbabilityOr(EnvConfig.ATARI_STICKY_ACTIONS));
        assertEquals(0.1, c.stickyActionProbabilityOr(EnvConfig.MINATAR_STICKY_ACTIONS));
        assertEquals(27_000, c.maxEpisodeStepsOr(EnvConfig.ATARI_MAX_EPISODE_STEPS));
        assertNull(c.maxEpisodeStepsOr(null));
        assertEquals(4, c.frameSkip());
        assertEquals(4, c.frameStack());
        assertEquals(84, c.screenSize());
        assertTrue(c.maxPoolFrames());
        assertEquals(false, c.terminalOnLifeLoss());
        assertEquals(0, c.noopMax());
        assertTrue(c.difficultyRamping());
        assertEquals(false, c.aleLog());
        assertEquals(false, c.fullActionSpace());
    }

    @Test
    void withersChangeOneFieldAndBadValuesAreRejected() {
        EnvConfig c = EnvConfig.defaults();
        EnvConfig changed = c.withStickyActionProbability(0.0).withMaxEpisodeSteps(500).withDifficultyRamping(false);
        assertEquals(0.0, changed.stickyActionProbabilityOr(0.25));
        assertEquals(500, changed.maxEpisodeStepsOr(EnvConfig.ATARI_MAX_EPISODE_STEPS));
        assertEquals(c.withStickyActionProbability(0.0).withMaxEpisodeSteps(500), changed.withDifficultyRamping(true));
        assertThrows(IllegalArgumentException.class, () -> c.withStickyActionProbability(1.5));
        assertThrows(IllegalArgumentException.class, () -> c.withStickyActionProbability(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> c.withFrameSkip(0));
        assertThrows(IllegalArgumentException.class, () -> c.withNoopMax(-1));
        assertThrows(IllegalArgumentException.class, () -> c.withMaxEpisodeSteps(0));
        assertThrows(NullPointerException.class, () -> c.withRomDir(null));
    }
}
