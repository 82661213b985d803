package sparsedrl.agent.env.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sparsedrl.tasks.random.SplitMix64;

/** Hand-built Breakout situations, expected outcomes worked out from the MinAtar rules. */
class BreakoutRulesTest {
    private BreakoutGame game;

    @BeforeEach
    void startGame() {
        game = new BreakoutGame(new SplitMix64(3), true);
        game.reset();
    }

    @Test
    void startStateHasThreeBrickRowsPaddleInTheMiddleAndBallInACornerOfRowThree() {
        assertEquals(30, game.brickCount());
        assertEquals(30, Render.count(game, BreakoutGame.BRICK));
        for (int col = 0; col < 10; col++) {
            assertFalse(game.brick(0, col));
            assertTrue(game.brick(1, col) && game.brick(2, col) && game.brick(3, col));
            assertFalse(game.brick(4, col));
        }
        assertTrue(Render.at(game, 9, 4, BreakoutGame.PADDLE));
        assertEquals(3, game.ballY());
        assertTrue(game.ballX() == 0 && game.dx() == 1 || game.ballX() == 9 && game.dx() == -1);
        assertEquals(1, game.dy(), "the ball starts downwards");
    }

    @Test
    void hittingABrickScoresOneRemovesItAndReflectsTheBallVertically() {
        game.clearBricks();
        game.setBrick(3, 5, true);
        game.placeBall(4, 4, 1, -1);

        assertEquals(1, game.act(Action.NOOP));
        assertFalse(game.brick(3, 5));
        assertEquals(0, game.brickCount());
        assertEquals(5, game.ballX());
        assertEquals(4, game.ballY(), "the ball stays in its row when it breaks a brick");
        assertEquals(1, game.dx());
        assertEquals(1, game.dy());
        assertTrue(Render.at(game, 4, 4, BreakoutGame.TRAIL));
        assertFalse(game.terminal());
    }

    @Test
    void aBrickReachedInTheFrameAfterABreakIsEnteredNotBroken() {
        game.clearBricks();
        game.setBrick(3, 5, true);
        game.setBrick(5, 6, true);
        game.placeBall(4, 4, 1, -1);
        assertEquals(1, game.act(Action.NOOP));

        assertEquals(0, game.act(Action.NOOP));
        assertTrue(game.brick(5, 6));
        assertEquals(6, game.ballX());
        assertEquals(5, game.ballY());
        assertEquals(1, game.dy(), "no reflection either");
    }

    @Test
    void wallsAndCeilingReflect() {
        game.clearBricks();
        game.placeBall(9, 5, 1, 1);
        game.act(Action.NOOP);
        assertEquals(9, game.ballX(), "clamped to the wall column");
        assertEquals(6, game.ballY());
        assertEquals(-1, game.dx());

        game.placeBall(3, 0, -1, -1);
        game.act(Action.NOOP);
        assertEquals(2, game.ballX());
        assertEquals(0, game.ballY());
        assertEquals(1, game.dy());
    }

    @Test
    void ballComingDownOntoThePaddleColumnBouncesStraightBack() {
        game.setPaddle(4);
        game.placeBall(4, 8, 1, 1);
        assertEquals(0, game.act(Action.NOOP));
        assertFalse(game.terminal());
        assertEquals(5, game.ballX());
        assertEquals(8, game.ballY());
        assertEquals(1, game.dx());
        assertEquals(-1, game.dy());
    }

    @Test
    void ballMeetingThePaddleFromTheSideGoesBackTheWayItCame() {
        game.setPaddle(4);
        game.placeBall(3, 8, 1, 1);
        game.act(Action.NOOP);
        assertFalse(game.terminal());
        assertEquals(4, game.ballX());
        assertEquals(8, game.ballY());
        assertEquals(-1, game.dx());
        assertEquals(-1, game.dy());
    }

    @Test
    void missingTheBallEndsTheGame() {
        game.setPaddle(9);
        game.placeBall(0, 8, 1, 1);
        assertEquals(0, game.act(Action.RIGHT));
        assertTrue(game.terminal());
        assertEquals(9, game.ballY());
        assertEquals(0, game.act(Action.NOOP), "a finished game stays finished");
        assertTrue(game.terminal());
    }

    @Test
    void anEmptyWallIsRefilledWhenTheBallReachesTheBottom() {
        game.clearBricks();
        game.setPaddle(4);
        game.placeBall(4, 8, 1, 1);
        game.act(Action.NOOP);
        assertEquals(30, game.brickCount());
        assertTrue(game.brick(1, 0) && game.brick(3, 9));
    }

    @Test
    void paddleMovesOneColumnAndStopsAtTheWalls() {
        game.placeBall(5, 7, 1, -1);
        game.setPaddle(0);
        game.act(Action.LEFT);
        assertEquals(0, game.paddle());
        game.act(Action.RIGHT);
        assertEquals(1, game.paddle());
        game.act(Action.UP);
        game.act(Action.FIRE);
        assertEquals(1, game.paddle(), "up and fire do nothing");
        assertFalse(game.terminal());
    }
}
