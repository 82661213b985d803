package sparsedrl.agent.env.minatar;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import sparsedrl.tasks.random.SplitMix64;

/**
 * MinAtar SpaceInvaders. A cannon on the bottom row shoots upward (cool-down 5 frames) at a 4x6
 * block of aliens. The block steps sideways every move interval; when it would leave the screen
 * it drops one row and turns around. Fewer aliens than the interval make it faster (the step
 * period is min(aliens left, interval)). Every 10 frames the alien nearest the cannon's column
 * (lowest in its column) drops a bullet. Each alien shot gives +1. A cleared wave is replaced by a
 * new one, and with ramping the interval shrinks by one (12 down to 6). The game ends when an
 * alien or an alien bullet reaches the cannon, or the block must drop while on the bottom row.
 * Channels: cannon, alien, alien moving left, alien moving right, friendly bullet, enemy bullet.
 */
final class SpaceInvadersGame extends MinAtarGame {
    static final int CANNON = 0;
    static final int ALIEN = 1;
    static final int ALIEN_LEFT = 2;
    static final int ALIEN_RIGHT = 3;
    static final int FRIENDLY_BULLET = 4;
    static final int ENEMY_BULLET = 5;

    static final int SHOT_COOL_DOWN = 5;
    static final int INITIAL_MOVE_INTERVAL = 12;
    static final int FASTEST_MOVE_INTERVAL = 6;
    static final int ENEMY_SHOT_INTERVAL = 10;

    private static final int BOTTOM = SIZE - 1;
    private static final int START_CANNON = 5;

    private final boolean[] aliens = new boolean[SIZE * SIZE];
    private final boolean[] friendlyBullets = new boolean[SIZE * SIZE];
    private final boolean[] enemyBullets = new boolean[SIZE * SIZE];
    private final boolean[] scratch = new boolean[SIZE * SIZE];
    private int alienCount;
    private int cannon;
    /** -1 = moving left, +1 = moving right. */
    private int alienDirection;
    private int moveInterval;
    private int alienMoveTimer;
    private int alienShotTimer;
    private int shotTimer;
    private int rampIndex;
    private boolean terminal;

    SpaceInvadersGame(SplitMix64 rng, boolean ramping) {
        super(rng, ramping);
    }

    @Override
    String name() {
        return "spaceinvaders";
    }

    @Override
    int channels() {
        return 6;
    }

    @Override
    void reset() {
        cannon = START_CANNON;
        Arrays.fill(friendlyBullets, false);
        Arrays.fill(enemyBullets, false);
        Arrays.fill(aliens, false);
        spawnWave();
        alienDirection = -1;
        moveInterval = INITIAL_MOVE_INTERVAL;
        alienMoveTimer = moveInterval;
        alienShotTimer = ENEMY_SHOT_INTERVAL;
        shotTimer = 0;
        rampIndex = 0;
        terminal = false;
    }

    /** Rows 0-3, columns 2-7. */
    private void spawnWave() {
        for (int row = 0; row < 4; row++) {
            Arrays.fill(aliens, row * SIZE + 2, row * SIZE + 8, true);
        }
        alienCount = 24;
    }

    @Override
    int act(int action) {
        if (terminal) {
            return 0;
        }
        if (action == Action.FIRE && shotTimer == 0) {
            friendlyBullets[BOTTOM * SIZE + cannon] = true;
            shotTimer = SHOT_COOL_DOWN;
        } else if (action == Action.LEFT) {
            cannon = Math.max(0, cannon - 1);
        } else if (action == Action.RIGHT) {
            cannon = Math.min(SIZE - 1, cannon + 1);
        }

        // Friendly bullets fly up and vanish past the top; enemy bullets fall and vanish past the bottom.
        System.arraycopy(friendlyBullets, SIZE, friendlyBullets, 0, (SIZE - 1) * SIZE);
        Arrays.fill(friendlyBullets, BOTTOM * SIZE, SIZE * SIZE, false);
        System.arraycopy(enemyBullets, 0, enemyBullets, SIZE, (SIZE - 1) * SIZE);
        Arrays.fill(enemyBullets, 0, SIZE, false);
        if (enemyBullets[BOTTOM * SIZE + cannon] || aliens[BOTTOM * SIZE + cannon]) {
            terminal = true;
        }

        if (alienMoveTimer == 0) {
            alienMoveTimer = Math.min(alienCount, moveInterval);
            boolean atEdge = alienDirection < 0 ? columnOccupied(0) : columnOccupied(SIZE - 1);
            if (atEdge) {
                alienDirection = -alienDirection;
                if (rowOccupied(BOTTOM)) {
                    terminal = true;
                }
                rollAliensDown();
            } else {
                shiftAliensSideways();
            }
            if (aliens[BOTTOM * SIZE + cannon]) {
                terminal = true;
            }
        }
        if (alienShotTimer == 0) {
            alienShotTimer = ENEMY_SHOT_INTERVAL;
            int shooter = nearestAlien();
            enemyBullets[shooter] = true;
        }

        int reward = 0;
        for (int i = 0; i < aliens.length; i++) {
            if (aliens[i] && friendlyBullets[i]) {
                aliens[i] = false;
                friendlyBullets[i] = false;
                alienCount--;
                reward++;
            }
        }

        if (shotTimer > 0) {
            shotTimer--;
        }
        alienMoveTimer--;
        alienShotTimer--;
        if (alienCount == 0) {
            if (ramping && moveInterval > FASTEST_MOVE_INTERVAL) {
                moveInterval--;
                rampIndex++;
            }
            spawnWave();
        }
        return reward;
    }

    private boolean columnOccupied(int col) {
        for (int row = 0; row < SIZE; row++) {
            if (aliens[row * SIZE + col]) {
                return true;
            }
        }
        return false;
    }

    private boolean rowOccupied(int row) {
        for (int col = 0; col < SIZE; col++) {
            if (aliens[row * SIZE + col]) {
                return true;
            }
        }
        return false;
    }

    /** One row down, the bottom row wrapping to the top (as MinAtar's roll; the game is over then anyway). */
    private void rollAliensDown() {
        System.arraycopy(aliens, BOTTOM * SIZE, scratch, 0, SIZE);
        System.arraycopy(aliens, 0, aliens, SIZE, BOTTOM * SIZE);
        System.arraycopy(scratch, 0, aliens, 0, SIZE);
    }

    /** One column in the current direction; the edge test guarantees nothing falls off. */
    private void shiftAliensSideways() {
        for (int row = 0; row < SIZE; row++) {
            int start = row * SIZE;
            if (alienDirection > 0) {
                System.arraycopy(aliens, start, aliens, start + 1, SIZE - 1);
                aliens[start] = false;
            } else {
                System.arraycopy(aliens, start + 1, aliens, start, SIZE - 1);
                aliens[start + SIZE - 1] = false;
            }
        }
    }

    /** Cell index of the lowest alien in the occupied column closest to the cannon (ties: left column). */
    private int nearestAlien() {
        for (int distance = 0; distance < SIZE; distance++) {
            int left = cannon - distance;
            if (left >= 0 && columnOccupied(left)) {
                return lowestAlien(left);
            }
            int right = cannon + distance;
            if (distance > 0 && right < SIZE && columnOccupied(right)) {
                return lowestAlien(right);
            }
        }
        throw new IllegalStateException("no alien left to shoot");
    }

    private int lowestAlien(int col) {
        for (int row = BOTTOM; row >= 0; row--) {
            if (aliens[row * SIZE + col]) {
                return row * SIZE + col;
            }
        }
        throw new IllegalStateException("column " + col + " is empty");
    }

    @Override
    boolean terminal() {
        return terminal;
    }

    @Override
    void render(Frame frame) {
        frame.set(BOTTOM, cannon, CANNON);
        frame.setAll(aliens, ALIEN);
        frame.setAll(aliens, alienDirection < 0 ? ALIEN_LEFT : ALIEN_RIGHT);
        frame.setAll(friendlyBullets, FRIENDLY_BULLET);
        frame.setAll(enemyBullets, ENEMY_BULLET);
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        writeCells(out, aliens);
        writeCells(out, friendlyBullets);
        writeCells(out, enemyBullets);
        out.writeInt(alienCount);
        out.writeInt(cannon);
        out.writeInt(alienDirection);
        out.writeInt(moveInterval);
        out.writeInt(alienMoveTimer);
        out.writeInt(alienShotTimer);
        out.writeInt(shotTimer);
        out.writeInt(rampIndex);
        out.writeBoolean(terminal);
    }

    @Override
    void readState(DataInput in) throws IOException {
        readCells(in, aliens);
        readCells(in, friendlyBullets);
        readCells(in, enemyBullets);
        alienCount = in.readInt();
        cannon = in.readInt();
        alienDirection = in.readInt();
        moveInterval = in.readInt();
        alienMoveTimer = in.readInt();
        alienShotTimer = in.readInt();
        shotTimer = in.readInt();
        rampIndex = in.readInt();
        terminal = in.readBoolean();
    }

    // Test hooks: build situations by hand.

    void clearAliens() {
        Arrays.fill(aliens, false);
        alienCount = 0;
    }

    void setAlien(int row, int col) {
        if (!aliens[row * SIZE + col]) {
            aliens[row * SIZE + col] = true;
            alienCount++;
        }
    }

    boolean alien(int row, int col) {
        return aliens[row * SIZE + col];
    }

    int alienCount() {
        return alienCount;
    }

    void setFriendlyBullet(int row, int col) {
        friendlyBullets[row * SIZE + col] = true;
    }

    void setEnemyBullet(int row, int col) {
        enemyBullets[row * SIZE + col] = true;
    }

    boolean enemyBullet(int row, int col) {
        return enemyBullets[row * SIZE + col];
    }

    void setCannon(int col) {
        cannon = col;
    }

    void setTimers(int alienMove, int alienShot, int shot) {
        alienMoveTimer = alienMove;
        alienShotTimer = alienShot;
        shotTimer = shot;
    }

    int alienDirection() {
        return alienDirection;
    }

    int moveInterval() {
        return moveInterval;
    }

    int rampIndex() {
        return rampIndex;
    }
}
