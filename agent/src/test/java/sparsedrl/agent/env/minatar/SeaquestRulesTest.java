package sparsedrl.agent.env.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.random.SplitMix64;

/** Hand-built Seaquest situations, expected outcomes worked out from the MinAtar rules. */
class SeaquestRulesTest {
    private static final int QUIET = 1000;
    private SeaquestGame game;

    @BeforeEach
    void startGame() {
        game = new SeaquestGame(new SplitMix64(23), true);
        game.reset();
        game.holdSpawns(QUIET);
    }

    @Test
    void oxygenLastsTwoHundredFramesUnderWater() {
        game.placeSub(5, 4, false);
        for (int t = 1; t <= 200; t++) {
            game.act(Action.NOOP);
            assertFalse(game.terminal(), "frame " + t);
        }
        assertEquals(0, game.oxygen());
        assertEquals(0, Render.count(game, SeaquestGame.OXYGEN_GAUGE));
        game.act(Action.NOOP);
        assertTrue(game.terminal(), "out of oxygen");
    }

    @Test
    void oxygenGaugeShowsTenthsOfTheTank() {
        assertEquals(10, Render.count(game, SeaquestGame.OXYGEN_GAUGE));
        game.setOxygen(139);
        assertEquals(6, Render.count(game, SeaquestGame.OXYGEN_GAUGE));
        assertTrue(Render.at(game, 9, 5, SeaquestGame.OXYGEN_GAUGE));
        assertFalse(Render.at(game, 9, 6, SeaquestGame.OXYGEN_GAUGE));
    }

    @Test
    void surfacingWithSixDiversPaysForTheOxygenLeftAndRampsDifficulty() {
        game.placeSub(5, 1, false);
        game.setDiverCount(6);
        game.setOxygen(151);
        // The sub moves before oxygen is used, so the whole 151 counts: 151 * 10 / 200 = 7.
        assertEquals(7, game.act(Action.UP));
        assertFalse(game.terminal());
        assertEquals(200, game.oxygen());
        assertEquals(-1, game.diverCount(), "MinAtar's implementation leaves -1 after a full surfacing");
        assertEquals(0, Render.count(game, SeaquestGame.DIVER_GAUGE));
        assertEquals(19, game.enemySpawnInterval());
        assertEquals(1, game.rampIndex());
    }

    @Test
    void surfacingWithFewerDiversCostsOneAndRefillsOxygen() {
        game.placeSub(5, 1, false);
        game.setDiverCount(3);
        game.setOxygen(40);
        assertEquals(0, game.act(Action.UP));
        assertFalse(game.terminal());
        assertEquals(2, game.diverCount());
        assertEquals(200, game.oxygen());
        game.act(Action.NOOP);
        assertEquals(2, game.diverCount(), "staying at the surface does not surface again");
    }

    @Test
    void withoutRampingSurfacingLeavesTheSpeedsAlone() {
        SeaquestGame flat = new SeaquestGame(new SplitMix64(23), false);
        flat.reset();
        flat.holdSpawns(QUIET);
        flat.placeSub(5, 1, false);
        flat.setDiverCount(2);
        flat.act(Action.UP);
        assertEquals(1, flat.diverCount());
        assertEquals(20, flat.enemySpawnInterval());
        assertEquals(0, flat.rampIndex());
    }

    @Test
    void surfacingWithoutDiversEndsTheGame() {
        game.placeSub(5, 1, false);
        assertEquals(0, game.act(Action.UP));
        assertTrue(game.terminal());
    }

    @Test
    void theDiverGaugeFillsFromTheRight() {
        game.setDiverCount(3);
        assertEquals(3, Render.count(game, SeaquestGame.DIVER_GAUGE));
        assertTrue(Render.at(game, 9, 6, SeaquestGame.DIVER_GAUGE));
        assertTrue(Render.at(game, 9, 8, SeaquestGame.DIVER_GAUGE));
        assertFalse(Render.at(game, 9, 9, SeaquestGame.DIVER_GAUGE));
    }

    @Test
    void shootingAFishScoresOne() {
        game.placeSub(3, 4, true);
        game.addFish(6, 4, false, QUIET);
        assertEquals(0, game.act(Action.FIRE));
        assertTrue(Render.at(game, 4, 4, SeaquestGame.FRIENDLY_BULLET));
        assertEquals(0, game.act(Action.NOOP));
        assertEquals(1, game.act(Action.NOOP));
        assertEquals(0, game.fishCount());
        assertEquals(0, Render.count(game, SeaquestGame.FRIENDLY_BULLET));
    }

    @Test
    void aDiverDriftingOntoTheSubIsPickedUp() {
        game.placeSub(5, 4, false);
        game.addDiver(6, 4, false, 0);
        game.act(Action.NOOP);
        assertEquals(1, game.diverCount());
        assertEquals(0, game.diverEntities());
    }

    @Test
    void aSeventhDiverIsLeftInTheWater() {
        game.placeSub(5, 4, false);
        game.setDiverCount(6);
        game.addDiver(6, 4, false, 0);
        game.act(Action.NOOP);
        assertEquals(6, game.diverCount());
        assertEquals(1, game.diverEntities());
    }

    @Test
    void aFishSwimmingIntoTheSubEndsTheGame() {
        game.placeSub(5, 4, false);
        game.addFish(6, 4, false, 0);
        game.act(Action.NOOP);
        assertTrue(game.terminal());
    }

    @Test
    void enemySubsFireOnTheirShotTimer() {
        game.placeSub(5, 6, false);
        game.addEnemySub(0, 2, true, QUIET, 0);
        game.act(Action.NOOP);
        assertTrue(Render.at(game, 2, 1, SeaquestGame.ENEMY_BULLET), "fired from the sub's cell, then moved");
        assertTrue(Render.at(game, 2, 0, SeaquestGame.ENEMY_SUB));
        for (int t = 2; t <= 11; t++) {
            game.act(Action.NOOP);
        }
        assertEquals(0, Render.count(game, SeaquestGame.ENEMY_BULLET), "the first shot has left the screen");
        game.act(Action.NOOP);
        assertTrue(Render.at(game, 2, 1, SeaquestGame.ENEMY_BULLET), "the shot timer restarts at 10: frame 12");
    }

    @Test
    void subShowsItsHeadingWithTheBackCell() {
        game.placeSub(4, 3, true);
        assertTrue(Render.at(game, 3, 4, SeaquestGame.SUB_FRONT));
        assertTrue(Render.at(game, 3, 3, SeaquestGame.SUB_BACK));
        game.placeSub(4, 3, false);
        assertTrue(Render.at(game, 3, 5, SeaquestGame.SUB_BACK));
    }
}
