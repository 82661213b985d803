package sparsedrl.agent.env.minatar;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import sparsedrl.tasks.random.SplitMix64;

/**
 * MinAtar Breakout. A paddle on the bottom row bounces a ball that moves one cell diagonally per
 * frame into three rows of bricks (rows 1-3). Breaking a brick gives +1 and bounces the ball
 * vertically; a brick cannot be broken in two consecutive frames (the ball passes into the second
 * one). Walls reflect. On reaching the bottom row the ball bounces straight back when it comes down
 * onto the paddle's column, bounces back the way it came when it lands on the paddle from the side,
 * and otherwise ends the game. An empty wall is refilled when the ball next reaches the bottom row.
 * No difficulty ramp. Channels: paddle, ball, trail (the ball's previous cell), brick.
 */
final class BreakoutGame extends MinAtarGame {
    static final int PADDLE = 0;
    static final int BALL = 1;
    static final int TRAIL = 2;
    static final int BRICK = 3;

    private static final int BOTTOM = SIZE - 1;
    private static final int FIRST_BRICK_ROW = 1;
    private static final int LAST_BRICK_ROW = 3;
    private static final int START_ROW = 3;
    private static final int START_PADDLE = 4;

    private final boolean[] bricks = new boolean[SIZE * SIZE];
    private int brickCount;
    private int paddle;
    private int ballX;
    private int ballY;
    private int dx;
    private int dy;
    private int trailX;
    private int trailY;
    /** A brick was broken in the previous frame. */
    private boolean strike;
    private boolean terminal;

    BreakoutGame(SplitMix64 rng, boolean ramping) {
        super(rng, ramping);
    }

    @Override
    String name() {
        return "breakout";
    }

    @Override
    int channels() {
        return 4;
    }

    @Override
    void reset() {
        // The ball starts in row 3, in the left corner heading right or the right corner heading left, always downwards.
        boolean fromRight = rng.nextInt(2) == 1;
        ballX = fromRight ? SIZE - 1 : 0;
        dx = fromRight ? -1 : 1;
        dy = 1;
        ballY = START_ROW;
        trailX = ballX;
        trailY = ballY;
        paddle = START_PADDLE;
        Arrays.fill(bricks, false);
        fillWall();
        strike = false;
        terminal = false;
    }

    private void fillWall() {
        for (int row = FIRST_BRICK_ROW; row <= LAST_BRICK_ROW; row++) {
            Arrays.fill(bricks, row * SIZE, (row + 1) * SIZE, true);
        }
        brickCount = (LAST_BRICK_ROW - FIRST_BRICK_ROW + 1) * SIZE;
    }

    @Override
    int act(int action) {
        if (terminal) {
            return 0;
        }
        if (action == Action.LEFT) {
            paddle = Math.max(0, paddle - 1);
        } else if (action == Action.RIGHT) {
            paddle = Math.min(SIZE - 1, paddle + 1);
        }
        trailX = ballX;
        trailY = ballY;
        int x = ballX + dx;
        int y = ballY + dy;
        int reward = 0;
        boolean touchedBrick = false;
        if (x < 0 || x >= SIZE) {
            x = clamp(x, 0, SIZE - 1);
            dx = -dx;
        }
        if (y < 0) {
            y = 0;
            dy = -dy;
        } else if (bricks[y * SIZE + x]) {
            touchedBrick = true;
            if (!strike) {
                reward = 1;
                strike = true;
                bricks[y * SIZE + x] = false;
                brickCount--;
                y = trailY;
                dy = -dy;
            }
        } else if (y == BOTTOM) {
            if (brickCount == 0) {
                fillWall();
            }
            if (trailX == paddle) {
                dy = -dy;
                y = trailY;
            } else if (x == paddle) {
                dx = -dx;
                dy = -dy;
                y = trailY;
            } else {
                terminal = true;
            }
        }
        if (!touchedBrick) {
            strike = false;
        }
        ballX = x;
        ballY = y;
        return reward;
    }

    @Override
    boolean terminal() {
        return terminal;
    }

    @Override
    void render(Frame frame) {
        frame.set(BOTTOM, paddle, PADDLE);
        frame.set(ballY, ballX, BALL);
        frame.set(trailY, trailX, TRAIL);
        frame.setAll(bricks, BRICK);
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        writeCells(out, bricks);
        out.writeInt(brickCount);
        out.writeInt(paddle);
        out.writeInt(ballX);
        out.writeInt(ballY);
        out.writeInt(dx);
        out.writeInt(dy);
        out.writeInt(trailX);
        out.writeInt(trailY);
        out.writeBoolean(strike);
        out.writeBoolean(terminal);
    }

    @Override
    void readState(DataInput in) throws IOException {
        readCells(in, bricks);
        brickCount = in.readInt();
        paddle = in.readInt();
        ballX = in.readInt();
        ballY = in.readInt();
        dx = in.readInt();
        dy = in.readInt();
        trailX = in.readInt();
        trailY = in.readInt();
        strike = in.readBoolean();
        terminal = in.readBoolean();
    }

    // Test hooks: build situations by hand.

    void placeBall(int x, int y, int dx, int dy) {
        this.ballX = x;
        this.ballY = y;
        this.dx = dx;
        this.dy = dy;
        this.trailX = x;
        this.trailY = y;
    }

    void setPaddle(int column) {
        this.paddle = column;
    }

    void setBrick(int row, int col, boolean present) {
        if (bricks[row * SIZE + col] != present) {
            bricks[row * SIZE + col] = present;
            brickCount += present ? 1 : -1;
        }
    }

    void clearBricks() {
        Arrays.fill(bricks, false);
        brickCount = 0;
    }

    boolean brick(int row, int col) {
        return bricks[row * SIZE + col];
    }

    int brickCount() {
        return brickCount;
    }

    int ballX() {
        return ballX;
    }

    int ballY() {
        return ballY;
    }

    int dx() {
        return dx;
    }

    int dy() {
        return dy;
    }

    int paddle() {
        return paddle;
    }
}
