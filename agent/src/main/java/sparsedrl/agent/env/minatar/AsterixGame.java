package sparsedrl.agent.env.minatar;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import sparsedrl.tasks.random.SplitMix64;

/**
 * MinAtar Asterix. The player moves in four directions within rows 1-8. Each of rows 1-8 holds at
 * most one entity, an enemy or (one time in three) gold, entering from a random side and crossing
 * the screen one cell per move interval. Touching gold gives +1 and removes it; touching an enemy
 * ends the game. A new entity appears every spawn interval in a random free row. With ramping,
 * every 100 frames the spawn interval shrinks by one (down to 1) and every second time the move
 * interval too (5 down to 1). Channels: player, enemy, trail (an entity's previous cell), gold.
 */
final class AsterixGame extends MinAtarGame {
    static final int PLAYER = 0;
    static final int ENEMY = 1;
    static final int TRAIL = 2;
    static final int GOLD = 3;

    static final int RAMP_INTERVAL = 100;
    static final int INITIAL_SPAWN_INTERVAL = 10;
    static final int INITIAL_MOVE_INTERVAL = 5;

    /** One slot per playable row: slot i lives in row i + 1. */
    private static final int SLOTS = 8;
    private static final int START = 5;

    private final boolean[] present = new boolean[SLOTS];
    private final int[] entityX = new int[SLOTS];
    private final boolean[] movingRight = new boolean[SLOTS];
    private final boolean[] gold = new boolean[SLOTS];
    private final int[] freeSlots = new int[SLOTS];
    private int playerX;
    private int playerY;
    private int spawnInterval;
    private int spawnTimer;
    private int moveInterval;
    private int moveTimer;
    private int rampTimer;
    private int rampIndex;
    private boolean terminal;

    AsterixGame(SplitMix64 rng, boolean ramping) {
        super(rng, ramping);
    }

    @Override
    String name() {
        return "asterix";
    }

    @Override
    int channels() {
        return 4;
    }

    @Override
    void reset() {
        playerX = START;
        playerY = START;
        Arrays.fill(present, false);
        spawnInterval = INITIAL_SPAWN_INTERVAL;
        spawnTimer = spawnInterval;
        moveInterval = INITIAL_MOVE_INTERVAL;
        moveTimer = moveInterval;
        rampTimer = RAMP_INTERVAL;
        rampIndex = 0;
        terminal = false;
    }

    @Override
    int act(int action) {
        if (terminal) {
            return 0;
        }
        if (spawnTimer == 0) {
            spawn();
            spawnTimer = spawnInterval;
        }
        switch (action) {
            case Action.LEFT -> playerX = Math.max(0, playerX - 1);
            case Action.RIGHT -> playerX = Math.min(SIZE - 1, playerX + 1);
            case Action.UP -> playerY = Math.max(1, playerY - 1);
            case Action.DOWN -> playerY = Math.min(SLOTS, playerY + 1);
            default -> { }
        }

        int reward = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (present[i] && touchesPlayer(i)) {
                reward += meet(i);
            }
        }
        if (moveTimer == 0) {
            moveTimer = moveInterval;
            for (int i = 0; i < SLOTS; i++) {
                if (!present[i]) {
                    continue;
                }
                entityX[i] += movingRight[i] ? 1 : -1;
                if (entityX[i] < 0 || entityX[i] >= SIZE) {
                    present[i] = false;
                } else if (touchesPlayer(i)) {
                    reward += meet(i);
                }
            }
        }
        spawnTimer--;
        moveTimer--;
        if (ramping) {
            ramp();
        }
        return reward;
    }

    private boolean touchesPlayer(int slot) {
        return entityX[slot] == playerX && slot + 1 == playerY;
    }

    /** Gold is collected (+1); an enemy ends the game. */
    private int meet(int slot) {
        if (gold[slot]) {
            present[slot] = false;
            return 1;
        }
        terminal = true;
        return 0;
    }

    /** A random side and kind, then a random free row; the draws happen even when every row is taken. */
    private void spawn() {
        boolean fromLeft = coinFlip();
        boolean isGold = rng.nextDouble() < 1.0 / 3.0;
        int free = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (!present[i]) {
                freeSlots[free++] = i;
            }
        }
        if (free == 0) {
            return;
        }
        int slot = freeSlots[rng.nextInt(free)];
        present[slot] = true;
        entityX[slot] = fromLeft ? 0 : SIZE - 1;
        movingRight[slot] = fromLeft;
        gold[slot] = isGold;
    }

    private void ramp() {
        if (spawnInterval <= 1 && moveInterval <= 1) {
            return;
        }
        if (rampTimer >= 0) {
            rampTimer--;
            return;
        }
        if (moveInterval > 1 && rampIndex % 2 == 1) {
            moveInterval--;
        }
        if (spawnInterval > 1) {
            spawnInterval--;
        }
        rampIndex++;
        rampTimer = RAMP_INTERVAL;
    }

    @Override
    boolean terminal() {
        return terminal;
    }

    @Override
    void render(Frame frame) {
        frame.set(playerY, playerX, PLAYER);
        for (int i = 0; i < SLOTS; i++) {
            if (!present[i]) {
                continue;
            }
            int row = i + 1;
            frame.set(row, entityX[i], gold[i] ? GOLD : ENEMY);
            int back = entityX[i] + (movingRight[i] ? -1 : 1);
            if (back >= 0 && back < SIZE) {
                frame.set(row, back, TRAIL);
            }
        }
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        for (int i = 0; i < SLOTS; i++) {
            out.writeBoolean(present[i]);
            out.writeInt(entityX[i]);
            out.writeBoolean(movingRight[i]);
            out.writeBoolean(gold[i]);
        }
        out.writeInt(playerX);
        out.writeInt(playerY);
        out.writeInt(spawnInterval);
        out.writeInt(spawnTimer);
        out.writeInt(moveInterval);
        out.writeInt(moveTimer);
        out.writeInt(rampTimer);
        out.writeInt(rampIndex);
        out.writeBoolean(terminal);
    }

    @Override
    void readState(DataInput in) throws IOException {
        for (int i = 0; i < SLOTS; i++) {
            present[i] = in.readBoolean();
            entityX[i] = in.readInt();
            movingRight[i] = in.readBoolean();
            gold[i] = in.readBoolean();
        }
        playerX = in.readInt();
        playerY = in.readInt();
        spawnInterval = in.readInt();
        spawnTimer = in.readInt();
        moveInterval = in.readInt();
        moveTimer = in.readInt();
        rampTimer = in.readInt();
        rampIndex = in.readInt();
        terminal = in.readBoolean();
    }

    // Test hooks: build situations by hand.

    /** Puts an entity in row {@code row} (1-8) at column {@code col}. */
    void placeEntity(int row, int col, boolean right, boolean isGold) {
        int slot = row - 1;
        present[slot] = true;
        entityX[slot] = col;
        movingRight[slot] = right;
        gold[slot] = isGold;
    }

    boolean hasEntity(int row) {
        return present[row - 1];
    }

    void placePlayer(int x, int y) {
        playerX = x;
        playerY = y;
    }

    void setTimers(int spawn, int move) {
        spawnTimer = spawn;
        moveTimer = move;
    }

    void setRampTimer(int frames) {
        rampTimer = frames;
    }

    int spawnInterval() {
        return spawnInterval;
    }

    int moveInterval() {
        return moveInterval;
    }

    int rampIndex() {
        return rampIndex;
    }
}
