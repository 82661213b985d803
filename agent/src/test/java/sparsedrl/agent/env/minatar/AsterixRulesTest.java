package sparsedrl.agent.env.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.random.SplitMix64;

/** Hand-built Asterix situations, expected outcomes worked out from the MinAtar rules. */
class AsterixRulesTest {
    private static final int QUIET = 1000;
    private AsterixGame game;

    @BeforeEach
    void startGame() {
        game = new AsterixGame(new SplitMix64(11), true);
        game.reset();
    }

    @Test
    void goldMovingOntoThePlayerScoresOneAndDisappears() {
        game.placePlayer(5, 4);
        game.placeEntity(4, 6, false, true);
        game.setTimers(QUIET, 0);
        assertEquals(1, game.act(Action.NOOP));
        assertFalse(game.hasEntity(4));
        assertFalse(game.terminal());
    }

    @Test
    void walkingIntoGoldScoresOne() {
        game.placePlayer(5, 4);
        game.placeEntity(4, 6, false, true);
        game.setTimers(QUIET, QUIET);
        assertEquals(1, game.act(Action.RIGHT));
        assertFalse(game.hasEntity(4));
    }

    @Test
    void touchingAnEnemyEndsTheGame() {
        game.placePlayer(5, 4);
        game.placeEntity(4, 6, false, false);
        game.setTimers(QUIET, 0);
        assertEquals(0, game.act(Action.NOOP));
        assertTrue(game.terminal());
        assertTrue(game.hasEntity(4), "the enemy stays");
    }

    @Test
    void thePlayerStaysInRowsOneToEightAndOnScreen() {
        game.setTimers(QUIET, QUIET);
        game.placePlayer(0, 1);
        game.act(Action.UP);
        game.act(Action.LEFT);
        assertTrue(Render.at(game, 1, 0, AsterixGame.PLAYER));
        game.placePlayer(9, 8);
        game.act(Action.DOWN);
        game.act(Action.RIGHT);
        assertTrue(Render.at(game, 8, 9, AsterixGame.PLAYER));
    }

    @Test
    void entitiesLeaveAtTheFarSideAndShowATrailBehindThem() {
        game.placePlayer(5, 5);
        game.placeEntity(2, 8, true, false);
        game.setTimers(QUIET, QUIET);
        assertTrue(Render.at(game, 2, 8, AsterixGame.ENEMY));
        assertTrue(Render.at(game, 2, 7, AsterixGame.TRAIL));
        game.setTimers(QUIET, 0);
        game.act(Action.NOOP);
        assertTrue(Render.at(game, 2, 9, AsterixGame.ENEMY));
        assertEquals(1, Render.count(game, AsterixGame.TRAIL));
        game.setTimers(QUIET, 0);
        game.act(Action.NOOP);
        assertFalse(game.hasEntity(2));
        assertEquals(0, Render.count(game, AsterixGame.TRAIL));
    }

    @Test
    void theFirstEntityAppearsOnFrameElevenAndTakesItsFirstStepAtOnce() {
        // Spawn timer 10 and move timer 5 both run out on frame 11 (the move timer also on frame 6).
        for (int t = 1; t <= 10; t++) {
            game.act(Action.NOOP);
            assertEquals(0, Render.count(game, AsterixGame.ENEMY) + Render.count(game, AsterixGame.GOLD));
        }
        game.act(Action.NOOP);
        Frame frame = Render.of(game);
        int entities = 0;
        for (int row = 1; row <= 8; row++) {
            for (int col : new int[] {1, 8}) {
                if (frame.get(row, col, AsterixGame.ENEMY) || frame.get(row, col, AsterixGame.GOLD)) {
                    entities++;
                }
            }
        }
        assertEquals(1, entities);
    }

    @Test
    void rampingSpeedsUpSpawningEveryTimeAndMovementEverySecondTime() {
        game.setTimers(QUIET, QUIET);
        game.setRampTimer(-1);
        game.act(Action.NOOP);
        assertEquals(9, game.spawnInterval());
        assertEquals(5, game.moveInterval());
        assertEquals(1, game.rampIndex());
        game.setRampTimer(-1);
        game.act(Action.NOOP);
        assertEquals(8, game.spawnInterval());
        assertEquals(4, game.moveInterval());
        assertEquals(2, game.rampIndex());
    }

    @Test
    void theRampWaitsOneHundredAndOneFramesBetweenSteps() {
        game.setTimers(QUIET, QUIET);
        for (int t = 0; t < 101; t++) {
            game.act(Action.NOOP);
        }
        assertEquals(10, game.spawnInterval());
        game.act(Action.NOOP);
        assertEquals(9, game.spawnInterval());
    }

    @Test
    void withoutRampingNothingSpeedsUp() {
        AsterixGame flat = new AsterixGame(new SplitMix64(11), false);
        flat.reset();
        flat.setTimers(QUIET, QUIET);
        flat.setRampTimer(-1);
        flat.act(Action.NOOP);
        assertEquals(10, flat.spawnInterval());
        assertEquals(0, flat.rampIndex());
    }
}
