package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stack order, zero fill at reset, and the in-place update against a rewrite from the frames. */
class FrameStackTest {

    @Test
    void resetZeroFillsOlderSlotsAndPutsFirstFrameLast() {
        FrameStack stack = new FrameStack(4, 2);
        stack.push(new byte[] {9, 9});
        stack.reset(new byte[] {1, 2});
        // pixel 0: slots 0..3 = 0,0,0,1 ; pixel 1: 0,0,0,2
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 2}, stack.observation());
    }

    @Test
    void pushesShiftOldestOutAndKeepOrder() {
        FrameStack stack = new FrameStack(3, 2);
        stack.reset(new byte[] {1, 10});
        stack.push(new byte[] {2, 20});
        stack.push(new byte[] {3, 30});
        stack.push(new byte[] {4, 40});
        assertArrayEquals(new byte[] {2, 3, 4, 20, 30, 40}, stack.observation());
    }

    @Test
    void saveAndLoadKeepTheOrder() {
        FrameStack a = new FrameStack(3, 1);
        a.reset(new byte[] {1});
        a.push(new byte[] {2});
        FrameStack b = new FrameStack(3, 1);
        b.load(a.oldestFirst());
        assertArrayEquals(new byte[] {0, 1, 2}, b.observation());
    }

    /** After any pushes the observation is the interleave of the last frames, whatever the depth. */
    @Test
    void inPlaceUpdateEqualsTheInterleaveOfTheLastFrames() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int depth = 1; depth <= 5; depth++) {
            FrameStack stack = new FrameStack(depth, 7);
            byte[][] history = new byte[20][7];
            for (int t = 0; t < history.length; t++) {
                rng.nextBytes(history[t]);
                if (t == 0) {
                    stack.reset(history[t]);
                } else {
                    stack.push(history[t]);
                }
                byte[] expected = new byte[7 * depth];
                for (int slot = 0; slot < depth; slot++) {
                    int frame = t - (depth - 1 - slot);
                    for (int p = 0; frame >= 0 && p < 7; p++) {
                        expected[p * depth + slot] = history[frame][p];
                    }
                }
                assertArrayEquals(expected, stack.observation(), "depth " + depth + " after " + t + " pushes");
            }
        }
    }
}
