package sparsedrl.agent.env.minatar;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import sparsedrl.tasks.random.SplitMix64;

/**
 * MinAtar Freeway. A chicken in column 4 crosses eight lanes (rows 1-8) from the bottom row to the
 * top; it may move up or down only every 3 frames. Reaching the top gives +1, sends the chicken back
 * to the bottom and draws new car speeds and directions. Each lane has one car with a speed value k
 * of 1-5 that moves one cell and then waits k frames (one move every k+1 frames), wrapping around;
 * a car hitting the chicken sends it back to the bottom. The game ends after a fixed number of
 * frames. No difficulty ramp. Channels: chicken, car, then five trail channels (trail in the car's
 * previous cell, in channel k+1 for speed value k).
 */
final class FreewayGame extends MinAtarGame {
    static final int CHICKEN = 0;
    static final int CAR = 1;
    static final int FIRST_SPEED_TRAIL = 2;

    static final int PLAYER_MOVE_INTERVAL = 3;
    /**
     * MinAtar's time limit of 2,500 frames: the game ends on frame 2,500. (MinAtar's own code
     * counts its timer below zero and so ends on frame 2,501; we follow its stated limit.)
     */
    static final int TIME_LIMIT = 2500;
    static final int CHICKEN_COLUMN = 4;

    private static final int LANES = 8;
    private static final int BOTTOM = SIZE - 1;
    private static final int SLOWEST = 5;

    private final int[] carX = new int[LANES];
    private final int[] carTimer = new int[LANES];
    /** Speed value (frames waited after each move), negative when the car moves left. */
    private final int[] carVelocity = new int[LANES];
    private int chickenY;
    private int moveTimer;
    private int framesLeft;
    private boolean terminal;

    FreewayGame(SplitMix64 rng, boolean ramping) {
        super(rng, ramping);
    }

    @Override
    String name() {
        return "freeway";
    }

    @Override
    int channels() {
        return 7;
    }

    @Override
    void reset() {
        randomizeCars();
        for (int i = 0; i < LANES; i++) {
            carX[i] = 0;
        }
        chickenY = BOTTOM;
        moveTimer = PLAYER_MOVE_INTERVAL;
        framesLeft = TIME_LIMIT;
        terminal = false;
    }

    /** New speed (1-5, uniform) and direction (left/right, even) for every car; positions stay. */
    private void randomizeCars() {
        for (int i = 0; i < LANES; i++) {
            carVelocity[i] = 1 + rng.nextInt(SLOWEST);
        }
        for (int i = 0; i < LANES; i++) {
            if (rng.nextDouble() < 0.5) {
                carVelocity[i] = -carVelocity[i];
            }
            carTimer[i] = Math.abs(carVelocity[i]);
        }
    }

    @Override
    int act(int action) {
        if (terminal) {
            return 0;
        }
        if (moveTimer == 0 && (action == Action.UP || action == Action.DOWN)) {
            moveTimer = PLAYER_MOVE_INTERVAL;
            chickenY = action == Action.UP ? Math.max(0, chickenY - 1) : Math.min(BOTTOM, chickenY + 1);
        }
        int reward = 0;
        if (chickenY == 0) {
            reward = 1;
            randomizeCars();
            chickenY = BOTTOM;
        }
        for (int i = 0; i < LANES; i++) {
            hitCheck(i);
            if (carTimer[i] == 0) {
                carTimer[i] = Math.abs(carVelocity[i]);
                carX[i] = Math.floorMod(carX[i] + Integer.signum(carVelocity[i]), SIZE);
                hitCheck(i);
            } else {
                carTimer[i]--;
            }
        }
        if (moveTimer > 0) {
            moveTimer--;
        }
        framesLeft--;
        if (framesLeft <= 0) {
            terminal = true;
        }
        return reward;
    }

    private void hitCheck(int lane) {
        if (carX[lane] == CHICKEN_COLUMN && lane + 1 == chickenY) {
            chickenY = BOTTOM;
        }
    }

    @Override
    boolean terminal() {
        return terminal;
    }

    @Override
    void render(Frame frame) {
        frame.set(chickenY, CHICKEN_COLUMN, CHICKEN);
        for (int i = 0; i < LANES; i++) {
            int row = i + 1;
            frame.set(row, carX[i], CAR);
            int back = Math.floorMod(carX[i] - Integer.signum(carVelocity[i]), SIZE);
            frame.set(row, back, FIRST_SPEED_TRAIL + Math.abs(carVelocity[i]) - 1);
        }
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        for (int i = 0; i < LANES; i++) {
            out.writeInt(carX[i]);
            out.writeInt(carTimer[i]);
            out.writeInt(carVelocity[i]);
        }
        out.writeInt(chickenY);
        out.writeInt(moveTimer);
        out.writeInt(framesLeft);
        out.writeBoolean(terminal);
    }

    @Override
    void readState(DataInput in) throws IOException {
        for (int i = 0; i < LANES; i++) {
            carX[i] = in.readInt();
            carTimer[i] = in.readInt();
            carVelocity[i] = in.readInt();
        }
        chickenY = in.readInt();
        moveTimer = in.readInt();
        framesLeft = in.readInt();
        terminal = in.readBoolean();
    }

    // Test hooks: build situations by hand.

    /** Lane 1-8: car column, signed frames-per-move and its move timer. */
    void placeCar(int lane, int x, int velocity, int timer) {
        carX[lane - 1] = x;
        carVelocity[lane - 1] = velocity;
        carTimer[lane - 1] = timer;
    }

    int carX(int lane) {
        return carX[lane - 1];
    }

    int carVelocity(int lane) {
        return carVelocity[lane - 1];
    }

    void placeChicken(int row, int moveTimer) {
        this.chickenY = row;
        this.moveTimer = moveTimer;
    }

    int chickenY() {
        return chickenY;
    }
}
