package sparsedrl.agent.env.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;
import sparsedrl.tasks.random.SplitMix64;

/** Hand-built Freeway situations, expected outcomes worked out from the MinAtar rules. */
class FreewayRulesTest {
    private static final int PARKED = 1000;
    private FreewayGame game;

    @BeforeEach
    void startGame() {
        game = new FreewayGame(new SplitMix64(17), true);
        game.reset();
    }

    /** Cars in column 0 that will not move for a long time, out of the chicken's column. */
    private void parkCars() {
        for (int lane = 1; lane <= 8; lane++) {
            game.placeCar(lane, 0, 5, PARKED);
        }
    }

    @Test
    void theEpisodeEndsAfterTwoThousandFiveHundredSteps() {
        try (Environment env = MinAtarEnvironment.create("freeway", EnvConfig.defaults())) {
            env.reset(1);
            for (int t = 1; t < 2500; t++) {
                assertFalse(env.step(Action.NOOP).done(), "step " + t);
            }
            Environment.Step last = env.step(Action.NOOP);
            assertTrue(last.terminal());
            assertFalse(last.truncated());
        }
    }

    @Test
    void reachingTheTopScoresOneAndSendsTheChickenBackDown() {
        parkCars();
        game.placeChicken(1, 0);
        assertEquals(1, game.act(Action.UP));
        assertEquals(9, game.chickenY());
        for (int lane = 1; lane <= 8; lane++) {
            int speed = Math.abs(game.carVelocity(lane));
            assertTrue(speed >= 1 && speed <= 5, "new car speeds are drawn");
            assertEquals(0, game.carX(lane), "cars keep their places");
        }
    }

    @Test
    void theChickenMovesAtMostOnceEveryThreeFrames() {
        parkCars();
        game.placeChicken(9, 0);
        int[] expectedRows = {8, 8, 8, 7, 7, 7, 6};
        for (int expected : expectedRows) {
            game.act(Action.UP);
            assertEquals(expected, game.chickenY());
        }
        game.act(Action.DOWN);
        game.act(Action.DOWN);
        game.act(Action.DOWN);
        assertEquals(7, game.chickenY());
    }

    @Test
    void aCarHittingTheChickenSendsItBackToTheBottomWithoutReward() {
        parkCars();
        game.placeChicken(5, 3);
        game.placeCar(5, 3, 1, 0);
        assertEquals(0, game.act(Action.NOOP));
        assertEquals(4, game.carX(5));
        assertEquals(9, game.chickenY());
        assertFalse(game.terminal());
    }

    @Test
    void carsMoveOnTheirOwnTimerAndWrapAround() {
        // A car moves when its timer is 0 and then waits |velocity| frames: one move every |velocity| + 1 frames.
        parkCars();
        game.placeCar(2, 9, 3, 0);
        game.placeCar(3, 0, -2, 0);
        game.act(Action.NOOP);
        assertEquals(0, game.carX(2));
        assertEquals(9, game.carX(3));
        game.act(Action.NOOP);
        game.act(Action.NOOP);
        assertEquals(9, game.carX(3));
        game.act(Action.NOOP);
        assertEquals(8, game.carX(3));
        assertEquals(0, game.carX(2));
        game.act(Action.NOOP);
        assertEquals(1, game.carX(2));
    }

    @Test
    void trailChannelsShowDirectionAndSpeed() {
        parkCars();
        game.placeCar(4, 0, -3, PARKED);
        game.placeCar(6, 5, 1, PARKED);
        assertTrue(Render.at(game, 4, 1, FreewayGame.FIRST_SPEED_TRAIL + 2));
        assertTrue(Render.at(game, 6, 4, FreewayGame.FIRST_SPEED_TRAIL));
        assertTrue(Render.at(game, 1, 9, FreewayGame.FIRST_SPEED_TRAIL + 4), "trails wrap around too");
        assertTrue(Render.at(game, 9, 4, FreewayGame.CHICKEN));
        assertEquals(8, Render.count(game, FreewayGame.CAR));
    }
}
