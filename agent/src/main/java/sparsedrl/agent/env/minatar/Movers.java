package sparsedrl.agent.env.minatar;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * An ordered list of things that cross the screen horizontally (fish, subs, divers, bullets), in
 * parallel arrays so that a step allocates nothing. Order is creation order and is kept on removal,
 * because the rules visit entities in a fixed order (newest first) and match the oldest first.
 */
final class Movers {
    private int size;
    private int[] x = new int[16];
    private int[] y = new int[16];
    private boolean[] right = new boolean[16];
    private int[] moveTimer = new int[16];
    private int[] shotTimer = new int[16];

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void add(int col, int row, boolean movesRight, int move, int shot) {
        if (size == x.length) {
            int capacity = 2 * size;
            x = Arrays.copyOf(x, capacity);
            y = Arrays.copyOf(y, capacity);
            right = Arrays.copyOf(right, capacity);
            moveTimer = Arrays.copyOf(moveTimer, capacity);
            shotTimer = Arrays.copyOf(shotTimer, capacity);
        }
        x[size] = col;
        y[size] = row;
        right[size] = movesRight;
        moveTimer[size] = move;
        shotTimer[size] = shot;
        size++;
    }

    void remove(int i) {
        int tail = size - i - 1;
        System.arraycopy(x, i + 1, x, i, tail);
        System.arraycopy(y, i + 1, y, i, tail);
        System.arraycopy(right, i + 1, right, i, tail);
        System.arraycopy(moveTimer, i + 1, moveTimer, i, tail);
        System.arraycopy(shotTimer, i + 1, shotTimer, i, tail);
        size--;
    }

    int x(int i) {
        return x[i];
    }

    int y(int i) {
        return y[i];
    }

    boolean right(int i) {
        return right[i];
    }

    int moveTimer(int i) {
        return moveTimer[i];
    }

    void setMoveTimer(int i, int value) {
        moveTimer[i] = value;
    }

    int shotTimer(int i) {
        return shotTimer[i];
    }

    void setShotTimer(int i, int value) {
        shotTimer[i] = value;
    }

    /** One cell in its direction; true when it left the screen. */
    boolean advance(int i) {
        x[i] += right[i] ? 1 : -1;
        return x[i] < 0 || x[i] >= Frame.SIZE;
    }

    boolean at(int i, int col, int row) {
        return x[i] == col && y[i] == row;
    }

    /** Index of the oldest entity at the cell, or -1. */
    int firstAt(int col, int row) {
        for (int i = 0; i < size; i++) {
            if (x[i] == col && y[i] == row) {
                return i;
            }
        }
        return -1;
    }

    boolean anyInRowMoving(int row, boolean movesRight) {
        for (int i = 0; i < size; i++) {
            if (y[i] == row && right[i] == movesRight) {
                return true;
            }
        }
        return false;
    }

    /** Marks each entity in {@code channel} and, when {@code trail >= 0}, its previous cell in {@code trail}. */
    void render(Frame frame, int channel, int trail) {
        for (int i = 0; i < size; i++) {
            frame.set(y[i], x[i], channel);
            if (trail >= 0) {
                int back = x[i] + (right[i] ? -1 : 1);
                if (back >= 0 && back < Frame.SIZE) {
                    frame.set(y[i], back, trail);
                }
            }
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(x[i]);
            out.writeInt(y[i]);
            out.writeBoolean(right[i]);
            out.writeInt(moveTimer[i]);
            out.writeInt(shotTimer[i]);
        }
    }

    void read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative entity count " + n);
        }
        clear();
        for (int i = 0; i < n; i++) {
            add(in.readInt(), in.readInt(), in.readBoolean(), in.readInt(), in.readInt());
        }
    }
}
