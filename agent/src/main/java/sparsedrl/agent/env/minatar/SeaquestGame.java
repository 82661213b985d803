package sparsedrl.agent.env.minatar;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import sparsedrl.tasks.random.SplitMix64;

/**
 * MinAtar Seaquest. The player's submarine (a front and a back cell, so its heading shows) moves in
 * rows 0-8 and fires horizontally (cool-down 5). Enemy fish and subs enter rows 1-8 from either side;
 * subs fire every 10 frames. Shooting an enemy gives +1. Divers drift across and are picked up by
 * touching them (at most 6). Oxygen (200) drops every frame under water. Surfacing (row 0) refills
 * it and ramps the difficulty; it costs one diver, or with 6 divers pays oxygen*10/200 and empties
 * the diver bar. The game ends on touching a fish, sub or bullet, when oxygen is exhausted, or when
 * surfacing with no diver.
 *
 * <p>Faithful to MinAtar's implementation in two details its prose does not mention: surfacing with
 * 6 divers leaves the count at -1 (empty bar, and the next surfacing does not end the game), and a
 * sub shot down by a bullet that meets it on the sub's own move still fires if its timer is due.
 *
 * <p>Channels: sub front, sub back, friendly bullet, trail, enemy bullet, enemy fish, enemy sub,
 * oxygen gauge, diver gauge, diver.
 */
final class SeaquestGame extends MinAtarGame {
    static final int SUB_FRONT = 0;
    static final int SUB_BACK = 1;
    static final int FRIENDLY_BULLET = 2;
    static final int TRAIL = 3;
    static final int ENEMY_BULLET = 4;
    static final int ENEMY_FISH = 5;
    static final int ENEMY_SUB = 6;
    static final int OXYGEN_GAUGE = 7;
    static final int DIVER_GAUGE = 8;
    static final int DIVER = 9;

    static final int MAX_OXYGEN = 200;
    static final int MAX_DIVERS = 6;
    static final int INITIAL_SPAWN_INTERVAL = 20;
    static final int DIVER_SPAWN_INTERVAL = 30;
    static final int INITIAL_MOVE_INTERVAL = 5;
    static final int SHOT_COOL_DOWN = 5;
    static final int ENEMY_SHOT_INTERVAL = 10;
    static final int DIVER_MOVE_INTERVAL = 5;

    private static final int BOTTOM = SIZE - 1;
    private static final int DEEPEST = SIZE - 2;
    private static final int START_X = 5;

    private final Movers friendlyBullets = new Movers();
    private final Movers enemyBullets = new Movers();
    private final Movers fish = new Movers();
    private final Movers subs = new Movers();
    private final Movers divers = new Movers();
    private int subX;
    private int subY;
    private boolean facingRight;
    private int oxygen;
    private int diverCount;
    private int enemySpawnInterval;
    private int enemySpawnTimer;
    private int diverSpawnTimer;
    private int moveInterval;
    private int shotTimer;
    private int rampIndex;
    /** At the surface since the last surfacing (so staying there does not surface again). */
    private boolean surfaced;
    private boolean terminal;

    SeaquestGame(SplitMix64 rng, boolean ramping) {
        super(rng, ramping);
    }

    @Override
    String name() {
        return "seaquest";
    }

    @Override
    int channels() {
        return 10;
    }

    @Override
    void reset() {
        oxygen = MAX_OXYGEN;
        diverCount = 0;
        subX = START_X;
        subY = 0;
        facingRight = false;
        friendlyBullets.clear();
        enemyBullets.clear();
        fish.clear();
        subs.clear();
        divers.clear();
        enemySpawnInterval = INITIAL_SPAWN_INTERVAL;
        enemySpawnTimer = enemySpawnInterval;
        diverSpawnTimer = DIVER_SPAWN_INTERVAL;
        moveInterval = INITIAL_MOVE_INTERVAL;
        rampIndex = 0;
        shotTimer = 0;
        surfaced = true;
        terminal = false;
    }

    @Override
    int act(int action) {
        if (terminal) {
            return 0;
        }
        if (enemySpawnTimer == 0) {
            spawnEnemy();
            enemySpawnTimer = enemySpawnInterval;
        }
        if (diverSpawnTimer == 0) {
            spawnDiver();
            diverSpawnTimer = DIVER_SPAWN_INTERVAL;
        }
        movePlayer(action);
        int reward = updateFriendlyBullets();
        updateDivers();
        reward += updateEnemies(subs, true);
        updateEnemyBullets();
        reward += updateEnemies(fish, false);
        if (enemySpawnTimer > 0) {
            enemySpawnTimer--;
        }
        if (diverSpawnTimer > 0) {
            diverSpawnTimer--;
        }
        if (shotTimer > 0) {
            shotTimer--;
        }
        if (oxygen <= 0) {
            terminal = true;
        }
        if (subY > 0) {
            oxygen--;
            surfaced = false;
        } else if (!surfaced) {
            if (diverCount == 0) {
                terminal = true;
            } else {
                reward += surface();
            }
        }
        return reward;
    }

    private void movePlayer(int action) {
        if (action == Action.FIRE) {
            if (shotTimer == 0) {
                friendlyBullets.add(subX, subY, facingRight, 0, 0);
                shotTimer = SHOT_COOL_DOWN;
            }
        } else if (action == Action.LEFT) {
            subX = Math.max(0, subX - 1);
            facingRight = false;
        } else if (action == Action.RIGHT) {
            subX = Math.min(SIZE - 1, subX + 1);
            facingRight = true;
        } else if (action == Action.UP) {
            subY = Math.max(0, subY - 1);
        } else if (action == Action.DOWN) {
            subY = Math.min(DEEPEST, subY + 1);
        }
    }

    /** Newest first: move, then hit the oldest fish in the cell, else the oldest sub. */
    private int updateFriendlyBullets() {
        int reward = 0;
        for (int i = friendlyBullets.size() - 1; i >= 0; i--) {
            if (friendlyBullets.advance(i)) {
                friendlyBullets.remove(i);
                continue;
            }
            int bx = friendlyBullets.x(i);
            int by = friendlyBullets.y(i);
            int target = fish.firstAt(bx, by);
            Movers victims = fish;
            if (target < 0) {
                target = subs.firstAt(bx, by);
                victims = subs;
            }
            if (target >= 0) {
                victims.remove(target);
                friendlyBullets.remove(i);
                reward++;
            }
        }
        return reward;
    }

    /** Newest first: a diver on the sub is picked up when there is room, else it drifts on its timer. */
    private void updateDivers() {
        for (int i = divers.size() - 1; i >= 0; i--) {
            if (divers.at(i, subX, subY) && diverCount < MAX_DIVERS) {
                divers.remove(i);
                diverCount++;
            } else if (divers.moveTimer(i) == 0) {
                divers.setMoveTimer(i, DIVER_MOVE_INTERVAL);
                if (divers.advance(i)) {
                    divers.remove(i);
                } else if (divers.at(i, subX, subY) && diverCount < MAX_DIVERS) {
                    divers.remove(i);
                    diverCount++;
                }
            } else {
                divers.setMoveTimer(i, divers.moveTimer(i) - 1);
            }
        }
    }

    /**
     * Newest first: touching the player ends the game; on its move timer an enemy steps, leaves the
     * screen, hits the player or runs into the oldest friendly bullet in its new cell. Subs also fire
     * on their shot timer (see the class comment for a sub that was just shot down).
     */
    private int updateEnemies(Movers enemies, boolean shoot) {
        int reward = 0;
        for (int i = enemies.size() - 1; i >= 0; i--) {
            if (enemies.at(i, subX, subY)) {
                terminal = true;
            }
            int x = enemies.x(i);
            int y = enemies.y(i);
            boolean right = enemies.right(i);
            int shot = enemies.shotTimer(i);
            boolean gone = false;
            if (enemies.moveTimer(i) == 0) {
                enemies.setMoveTimer(i, moveInterval);
                gone = enemies.advance(i);
                x = enemies.x(i);
                if (gone) {
                    enemies.remove(i);
                } else if (enemies.at(i, subX, subY)) {
                    terminal = true;
                } else {
                    int bullet = friendlyBullets.firstAt(x, y);
                    if (bullet >= 0) {
                        enemies.remove(i);
                        friendlyBullets.remove(bullet);
                        reward++;
                        gone = true;
                    }
                }
            } else {
                enemies.setMoveTimer(i, enemies.moveTimer(i) - 1);
            }
            if (shoot) {
                if (shot == 0) {
                    enemyBullets.add(x, y, right, 0, 0);
                    shot = ENEMY_SHOT_INTERVAL;
                } else {
                    shot--;
                }
                if (!gone) {
                    enemies.setShotTimer(i, shot);
                }
            }
        }
        return reward;
    }

    /** Newest first: a bullet on the player ends the game before and after its one-cell step. */
    private void updateEnemyBullets() {
        for (int i = enemyBullets.size() - 1; i >= 0; i--) {
            if (enemyBullets.at(i, subX, subY)) {
                terminal = true;
            }
            if (enemyBullets.advance(i)) {
                enemyBullets.remove(i);
            } else if (enemyBullets.at(i, subX, subY)) {
                terminal = true;
            }
        }
    }

    /** Returns the reward: oxygen left in tenths of the tank when all 6 divers come up. */
    private int surface() {
        surfaced = true;
        int reward = 0;
        if (diverCount == MAX_DIVERS) {
            diverCount = 0;
            reward = oxygen * 10 / MAX_OXYGEN;
        }
        oxygen = MAX_OXYGEN;
        diverCount--;
        if (ramping && (enemySpawnInterval > 1 || moveInterval > 2)) {
            if (moveInterval > 2 && rampIndex % 2 == 1) {
                moveInterval--;
            }
            if (enemySpawnInterval > 1) {
                enemySpawnInterval--;
            }
            rampIndex++;
        }
        return reward;
    }

    /** Fish or (one time in three) sub, random side and row 1-8; skipped if the row has traffic the other way. */
    private void spawnEnemy() {
        boolean fromLeft = coinFlip();
        boolean isSub = rng.nextDouble() < 1.0 / 3.0;
        int x = fromLeft ? 0 : SIZE - 1;
        int y = 1 + rng.nextInt(DEEPEST);
        if (subs.anyInRowMoving(y, !fromLeft) || fish.anyInRowMoving(y, !fromLeft)) {
            return;
        }
        (isSub ? subs : fish).add(x, y, fromLeft, moveInterval, ENEMY_SHOT_INTERVAL);
    }

    private void spawnDiver() {
        boolean fromLeft = coinFlip();
        int x = fromLeft ? 0 : SIZE - 1;
        int y = 1 + rng.nextInt(DEEPEST);
        divers.add(x, y, fromLeft, DIVER_MOVE_INTERVAL, 0);
    }

    @Override
    boolean terminal() {
        return terminal;
    }

    @Override
    void render(Frame frame) {
        frame.set(subY, subX, SUB_FRONT);
        frame.set(subY, Math.floorMod(subX + (facingRight ? -1 : 1), SIZE), SUB_BACK);
        int oxygenCells = Math.max(0, oxygen) * 10 / MAX_OXYGEN;
        for (int col = 0; col < oxygenCells; col++) {
            frame.set(BOTTOM, col, OXYGEN_GAUGE);
        }
        for (int col = BOTTOM - Math.max(0, diverCount); col < BOTTOM; col++) {
            frame.set(BOTTOM, col, DIVER_GAUGE);
        }
        friendlyBullets.render(frame, FRIENDLY_BULLET, -1);
        enemyBullets.render(frame, ENEMY_BULLET, -1);
        fish.render(frame, ENEMY_FISH, TRAIL);
        subs.render(frame, ENEMY_SUB, TRAIL);
        divers.render(frame, DIVER, TRAIL);
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        friendlyBullets.write(out);
        enemyBullets.write(out);
        fish.write(out);
        subs.write(out);
        divers.write(out);
        out.writeInt(subX);
        out.writeInt(subY);
        out.writeBoolean(facingRight);
        out.writeInt(oxygen);
        out.writeInt(diverCount);
        out.writeInt(enemySpawnInterval);
        out.writeInt(enemySpawnTimer);
        out.writeInt(diverSpawnTimer);
        out.writeInt(moveInterval);
        out.writeInt(shotTimer);
        out.writeInt(rampIndex);
        out.writeBoolean(surfaced);
        out.writeBoolean(terminal);
    }

    @Override
    void readState(DataInput in) throws IOException {
        friendlyBullets.read(in);
        enemyBullets.read(in);
        fish.read(in);
        subs.read(in);
        divers.read(in);
        subX = in.readInt();
        subY = in.readInt();
        facingRight = in.readBoolean();
        oxygen = in.readInt();
        diverCount = in.readInt();
        enemySpawnInterval = in.readInt();
        enemySpawnTimer = in.readInt();
        diverSpawnTimer = in.readInt();
        moveInterval = in.readInt();
        shotTimer = in.readInt();
        rampIndex = in.readInt();
        surfaced = in.readBoolean();
        terminal = in.readBoolean();
    }

    // Test hooks: build situations by hand.

    void placeSub(int x, int y, boolean right) {
        subX = x;
        subY = y;
        facingRight = right;
        surfaced = y == 0;
    }

    void setOxygen(int value) {
        oxygen = value;
    }

    int oxygen() {
        return oxygen;
    }

    void setDiverCount(int value) {
        diverCount = value;
    }

    int diverCount() {
        return diverCount;
    }

    /** Delays every spawn by {@code frames} so that a hand-built situation stays as built. */
    void holdSpawns(int frames) {
        enemySpawnTimer = frames;
        diverSpawnTimer = frames;
    }

    void addFish(int x, int y, boolean right, int moveTimer) {
        fish.add(x, y, right, moveTimer, 0);
    }

    void addEnemySub(int x, int y, boolean right, int moveTimer, int shotTimer) {
        subs.add(x, y, right, moveTimer, shotTimer);
    }

    void addDiver(int x, int y, boolean right, int moveTimer) {
        divers.add(x, y, right, moveTimer, 0);
    }

    int fishCount() {
        return fish.size();
    }

    int enemySubCount() {
        return subs.size();
    }

    int diverEntities() {
        return divers.size();
    }

    int enemySpawnInterval() {
        return enemySpawnInterval;
    }

    int rampIndex() {
        return rampIndex;
    }
}
