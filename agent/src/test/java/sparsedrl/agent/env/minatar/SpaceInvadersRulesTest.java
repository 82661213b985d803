package sparsedrl.agent.env.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sparsedrl.tasks.random.SplitMix64;

/** Hand-built SpaceInvaders situations, expected outcomes worked out from the MinAtar rules. */
class SpaceInvadersRulesTest {
    private static final int QUIET = 1000;

    private static SpaceInvadersGame game(boolean ramping) {
        SpaceInvadersGame game = new SpaceInvadersGame(new SplitMix64(5), ramping);
        game.reset();
        return game;
    }

    @Test
    void startStateIsAFourBySixBlockMovingLeftWithTheCannonInColumnFive() {
        SpaceInvadersGame game = game(true);
        assertEquals(24, game.alienCount());
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 10; col++) {
                assertEquals(col >= 2 && col <= 7, game.alien(row, col), "alien at " + row + "," + col);
            }
        }
        assertEquals(24, Render.count(game, SpaceInvadersGame.ALIEN_LEFT));
        assertEquals(0, Render.count(game, SpaceInvadersGame.ALIEN_RIGHT));
        assertTrue(Render.at(game, 9, 5, SpaceInvadersGame.CANNON));
        assertEquals(12, game.moveInterval());
    }

    @Test
    void shootingTheLastAlienScoresAndBringsAFasterWave() {
        SpaceInvadersGame game = game(true);
        game.clearAliens();
        game.setAlien(7, 5);
        game.setTimers(QUIET, QUIET, 0);

        assertEquals(0, game.act(Action.FIRE));
        assertTrue(Render.at(game, 8, 5, SpaceInvadersGame.FRIENDLY_BULLET), "the bullet flies one row per frame");
        assertEquals(1, game.act(Action.NOOP));
        assertEquals(0, Render.count(game, SpaceInvadersGame.FRIENDLY_BULLET), "the bullet is spent");
        assertEquals(24, game.alienCount(), "a new wave replaces the cleared one");
        assertTrue(game.alien(0, 2) && game.alien(3, 7));
        assertEquals(11, game.moveInterval());
        assertEquals(1, game.rampIndex());
    }

    @Test
    void waveSpeedStopsAtSixAndDoesNotChangeWithoutRamping() {
        SpaceInvadersGame ramped = game(true);
        SpaceInvadersGame flat = game(false);
        for (int wave = 0; wave < 8; wave++) {
            for (SpaceInvadersGame game : new SpaceInvadersGame[] {ramped, flat}) {
                game.clearAliens();
                game.setAlien(8, 5);
                game.setTimers(QUIET, QUIET, 0);
                game.act(Action.FIRE);
                assertEquals(24, game.alienCount());
            }
        }
        assertEquals(6, ramped.moveInterval());
        assertEquals(6, ramped.rampIndex());
        assertEquals(12, flat.moveInterval());
        assertEquals(0, flat.rampIndex());
    }

    @Test
    void theFireButtonRespectsTheCoolDown() {
        SpaceInvadersGame game = game(true);
        game.clearAliens();
        game.setAlien(0, 0);
        game.setTimers(QUIET, QUIET, 0);
        game.act(Action.FIRE);
        for (int t = 0; t < 4; t++) {
            game.act(Action.FIRE);
        }
        assertEquals(1, Render.count(game, SpaceInvadersGame.FRIENDLY_BULLET), "cool-down is 5 frames");
        game.act(Action.FIRE);
        assertEquals(2, Render.count(game, SpaceInvadersGame.FRIENDLY_BULLET));
    }

    @Test
    void theBlockStepsSidewaysThenDropsAndTurnsAtTheEdge() {
        SpaceInvadersGame game = game(true);
        game.clearAliens();
        game.setAlien(2, 1);
        game.setAlien(2, 4);
        game.setTimers(0, QUIET, 0);
        game.act(Action.NOOP);
        assertTrue(game.alien(2, 0) && game.alien(2, 3));
        assertEquals(-1, game.alienDirection());

        game.setTimers(0, QUIET, 0);
        game.act(Action.NOOP);
        assertTrue(game.alien(3, 0) && game.alien(3, 3), "dropped one row");
        assertEquals(1, game.alienDirection());
        assertEquals(2, Render.count(game, SpaceInvadersGame.ALIEN_RIGHT));
    }

    @Test
    void fewAliensMoveMoreOften() {
        SpaceInvadersGame game = game(true);
        game.clearAliens();
        game.setAlien(2, 4);
        game.setTimers(0, QUIET, 0);
        for (int t = 1; t <= 3; t++) {
            game.act(Action.NOOP);
            assertEquals(4 - t, colOf(game, 2), "a lone alien moves every frame");
        }
    }

    private static int colOf(SpaceInvadersGame game, int row) {
        for (int col = 0; col < 10; col++) {
            if (game.alien(row, col)) {
                return col;
            }
        }
        return -1;
    }

    @Test
    void theLowestAlienOfTheNearestColumnShootsPreferringTheLeftOnTies() {
        SpaceInvadersGame game = game(true);
        game.clearAliens();
        game.setAlien(0, 3);
        game.setAlien(2, 3);
        game.setAlien(1, 7);
        game.setTimers(QUIET, 0, 0);
        game.act(Action.NOOP);
        assertTrue(game.enemyBullet(2, 3), "columns 3 and 7 are both 2 away from the cannon");
        assertEquals(1, Render.count(game, SpaceInvadersGame.ENEMY_BULLET));
    }

    @Test
    void anEnemyBulletReachingTheCannonEndsTheGame() {
        SpaceInvadersGame game = game(true);
        game.setTimers(QUIET, QUIET, 0);
        game.setEnemyBullet(8, 5);
        assertEquals(0, game.act(Action.NOOP));
        assertTrue(game.terminal());
    }

    @Test
    void theCannonCanDodgeABullet() {
        SpaceInvadersGame game = game(true);
        game.setTimers(QUIET, QUIET, 0);
        game.setEnemyBullet(8, 5);
        game.act(Action.LEFT);
        assertFalse(game.terminal());
        game.act(Action.NOOP);
        assertEquals(0, Render.count(game, SpaceInvadersGame.ENEMY_BULLET), "bullets leave at the bottom");
    }

    @Test
    void anAlienOnTheCannonEndsTheGame() {
        SpaceInvadersGame game = game(true);
        game.clearAliens();
        game.setAlien(9, 5);
        game.setTimers(QUIET, QUIET, 1);
        game.act(Action.NOOP);
        assertTrue(game.terminal());
    }
}
