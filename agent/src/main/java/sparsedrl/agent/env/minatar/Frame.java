package sparsedrl.agent.env.minatar;

import java.util.Arrays;

/** A 10x10xC grid of 0/1 bytes in HWC order, written in place by a game's renderer. */
final class Frame {
    static final int SIZE = 10;

    private final byte[] data;
    private final int channels;

    Frame(int channels) {
        this.channels = channels;
        this.data = new byte[SIZE * SIZE * channels];
    }

    byte[] data() {
        return data;
    }

    int channels() {
        return channels;
    }

    void clear() {
        Arrays.fill(data, (byte) 0);
    }

    void set(int row, int col, int channel) {
        data[(row * SIZE + col) * channels + channel] = 1;
    }

    boolean get(int row, int col, int channel) {
        return data[(row * SIZE + col) * channels + channel] != 0;
    }

    /** Marks every occupied cell of a row-major 10x10 map in one channel. */
    void setAll(boolean[] cells, int channel) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i]) {
                data[i * channels + channel] = 1;
            }
        }
    }
}
