package sparsedrl.agent.replay;

import sparsedrl.tasks.random.SplitMix64;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import sparsedrl.agent.env.Environment.ObservationShape;
import sparsedrl.tasks.backend.TransitionBatch;

/**
 * Uniform experience replay that stores each frame once and rebuilds frame stacks on sampling.
 *
 * <p>Entries are numbered by a global counter ({@code addCount}); entry {@code i} lives in slot
 * {@code i % capacity}. An entry holds one frame (the newest frame of an observation, uint8) and,
 * once the agent acts from it, the transition to the next entry: action, reward, terminal. The last
 * frame of an episode is stored too (so a time-out can bootstrap from the true next state) but is
 * never a transition start. The state of entry {@code i} is frames {@code i-stack+1 .. i}, with the
 * frames before the entry's episode start replaced by zeros (as Dopamine pads).
 *
 * <p>Memory: {@code capacity * frameSize} bytes of frames plus 6 bytes per entry. Atari at the
 * Dopamine size: 1,000,000 x 84 x 84 = 7.06 GB of frames + 6 MB. Frames are kept in chunks of at
 * most 1 GiB because one Java array cannot exceed 2^31 bytes.
 */
public final class ReplayBuffer {
    private static final int FORMAT = 1;
    private static final long CHUNK_BYTES = 1L << 30;
    private static final byte VALID = 1;
    private static final byte TERMINAL = 2;
    private static final byte EPISODE_START = 4;

    private final int capacity;
    private final int height;
    private final int width;
    private final int frameChannels;
    private final int stack;
    private final int frameSize;
    private final int framesPerChunk;
    private final byte[][] frames;
    private final byte[] actions;
    private final float[] rewards;
    private final byte[] flags;
    private long addCount;

    public ReplayBuffer(int capacity, ObservationShape shape) {
        this(capacity, shape, CHUNK_BYTES);
    }

    /** With a chosen chunk size (tests use tiny chunks to cross chunk boundaries). */
    ReplayBuffer(int capacity, ObservationShape shape, long chunkBytes) {
        if (capacity < shape.stack() + 2) {
            throw new IllegalArgumentException("replay capacity " + capacity + " is too small");
        }
        this.capacity = capacity;
        this.height = shape.height();
        this.width = shape.width();
        this.frameChannels = shape.frameChannels();
        this.stack = shape.stack();
        this.frameSize = shape.frameSize();
        this.framesPerChunk = (int) Math.max(1, Math.min(capacity, chunkBytes / frameSize));
        int chunks = (capacity + framesPerChunk - 1) / framesPerChunk;
        this.frames = new byte[chunks][];
        for (int c = 0; c < chunks; c++) {
            int n = Math.min(framesPerChunk, capacity - c * framesPerChunk);
            frames[c] = new byte[n * frameSize];
        }
        this.actions = new byte[capacity];
        this.rewards = new float[capacity];
        this.flags = new byte[capacity];
    }

    /** Bytes this buffer holds for a given capacity and frame size (for docs and memory checks). */
    public static long bytesNeeded(long capacity, int frameSize) {
        return capacity * (frameSize + 6L);
    }

    public int capacity() {
        return capacity;
    }

    /** Entries ever added (frames, including episode-final frames). */
    public long addCount() {
        return addCount;
    }

    /** Entries currently held. */
    public int size() {
        return (int) Math.min(addCount, capacity);
    }

    /** Starts an episode with its first observation. */
    public void startEpisode(byte[] observation) {
        append(observation, EPISODE_START);
    }

    /**
     * Records the step from the newest entry: the action taken there, its (clipped) reward, whether
     * it ended the game, and the observation it led to.
     */
    public void addStep(int action, float reward, boolean terminal, byte[] nextObservation) {
        if (addCount == 0) {
            throw new IllegalStateException("addStep before startEpisode");
        }
        if (action < 0 || action > 127) {
            throw new IllegalArgumentException("action out of range: " + action);
        }
        int slot = slot(addCount - 1);
        actions[slot] = (byte) action;
        rewards[slot] = reward;
        flags[slot] |= (byte) (VALID | (terminal ? TERMINAL : 0));
        append(nextObservation, (byte) 0);
    }

    private void append(byte[] observation, byte flag) {
        int slot = slot(addCount);
        copyNewestFrame(observation, frameArray(slot), frameOffset(slot));
        actions[slot] = 0;
        rewards[slot] = 0f;
        flags[slot] = flag;
        addCount++;
    }

    /** Copies the newest stacked frame out of an interleaved HWC observation. */
    private void copyNewestFrame(byte[] obs, byte[] dst, int dstOff) {
        int channels = frameChannels * stack;
        int newest = (stack - 1) * frameChannels;
        int pixels = height * width;
        if (stack == 1) {
            System.arraycopy(obs, 0, dst, dstOff, frameSize);
            return;
        }
        for (int p = 0; p < pixels; p++) {
            int src = p * channels + newest;
            int d = dstOff + p * frameChannels;
            for (int c = 0; c < frameChannels; c++) {
                dst[d + c] = obs[src + c];
            }
        }
    }

    /** Oldest entry that may start a sampled transition (its whole stack must still be held). */
    private long lowestSampleable() {
        return addCount > capacity ? addCount - capacity + stack - 1 : 0;
    }

    /**
     * Fills {@code batch} with uniformly sampled transitions (rejection of non-transition entries),
     * drawing from {@code rng}. Allocates nothing.
     */
    public void sample(SplitMix64 rng, TransitionBatch batch) {
        for (int b = 0; b < batch.size; b++) {
            long i = sampleIndex(rng);
            int slot = slot(i);
            writeState(i, batch.states, b * batch.inputSize);
            writeState(i + 1, batch.nextStates, b * batch.inputSize);
            batch.actions[b] = actions[slot];
            batch.rewards[b] = rewards[slot];
            batch.terminals[b] = (flags[slot] & TERMINAL) != 0 ? 1f : 0f;
        }
    }

    /** Writes {@code count} uniformly sampled states (for dormant-neuron measurements). */
    public void sampleStates(SplitMix64 rng, byte[] out, int count) {
        int size = height * width * frameChannels * stack;
        for (int b = 0; b < count; b++) {
            writeState(sampleIndex(rng), out, b * size);
        }
    }

    private long sampleIndex(SplitMix64 rng) {
        long lo = lowestSampleable();
        long span = addCount - 1 - lo;
        if (span <= 0) {
            throw new IllegalStateException("replay holds no transition to sample");
        }
        for (int tries = 0; tries < 1_000_000; tries++) {
            long i = lo + rng.nextLong(span);
            if ((flags[slot(i)] & VALID) != 0) {
                return i;
            }
        }
        throw new IllegalStateException("replay holds no transition to sample");
    }

    /** Rebuilds the stacked state of entry {@code i} into {@code out} at {@code off}. */
    public void writeState(long i, byte[] out, int off) {
        int channels = frameChannels * stack;
        int pixels = height * width;
        // Walk back from the newest slot; once an episode start is passed, older slots stay zero.
        boolean zero = false;
        for (int k = 0; k < stack; k++) {
            int stackSlot = stack - 1 - k;
            long e = i - k;
            int base = stackSlot * frameChannels;
            if (zero || e < 0) {
                for (int p = 0; p < pixels; p++) {
                    int d = off + p * channels + base;
                    for (int c = 0; c < frameChannels; c++) {
                        out[d + c] = 0;
                    }
                }
                continue;
            }
            int slot = slot(e);
            byte[] src = frameArray(slot);
            int srcOff = frameOffset(slot);
            if (stack == 1) {
                System.arraycopy(src, srcOff, out, off, frameSize);
            } else {
                for (int p = 0; p < pixels; p++) {
                    int d = off + p * channels + base;
                    int s = srcOff + p * frameChannels;
                    for (int c = 0; c < frameChannels; c++) {
                        out[d + c] = src[s + c];
                    }
                }
            }
            zero = (flags[slot] & EPISODE_START) != 0;
        }
    }

    private int slot(long i) {
        return (int) (i % capacity);
    }

    private byte[] frameArray(int slot) {
        return frames[slot / framesPerChunk];
    }

    private int frameOffset(int slot) {
        return (slot % framesPerChunk) * frameSize;
    }

    /** Streams the held entries (oldest first); no large temporary copies. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(capacity);
        out.writeInt(frameSize);
        out.writeInt(stack);
        out.writeLong(addCount);
        long first = addCount - size();
        for (long i = first; i < addCount; i++) {
            int slot = slot(i);
            out.write(frameArray(slot), frameOffset(slot), frameSize);
            out.writeByte(actions[slot]);
            out.writeFloat(rewards[slot]);
            out.writeByte(flags[slot]);
        }
    }

    public void load(DataInputStream in) throws IOException {
        int format = in.readInt();
        int cap = in.readInt();
        int fs = in.readInt();
        int st = in.readInt();
        if (format != FORMAT || cap != capacity || fs != frameSize || st != stack) {
            throw new IOException("replay in checkpoint has capacity " + cap + ", frame size " + fs + ", stack " + st
                    + " but this run has " + capacity + ", " + frameSize + ", " + stack);
        }
        long count = in.readLong();
        if (count < 0) {
            throw new IOException("replay in checkpoint has a negative entry count");
        }
        addCount = count;
        long first = addCount - size();
        for (long i = first; i < addCount; i++) {
            int slot = slot(i);
            in.readFully(frameArray(slot), frameOffset(slot), frameSize);
            actions[slot] = in.readByte();
            rewards[slot] = in.readFloat();
            flags[slot] = in.readByte();
        }
    }
}
