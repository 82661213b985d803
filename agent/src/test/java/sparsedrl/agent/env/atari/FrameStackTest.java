package sparsedrl.agent.env.atari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Stack order and zero fill at reset. */
class FrameStackTest {

    @Test
    void resetZeroFillsOlderSlotsAndPutsFirstFrameLast() {
        FrameStack stack = new FrameStack(4, 2);
        stack.push(new byte[] {9, 9});
        stack.reset(new byte[] {1, 2});
        byte[] obs = new byte[8];
        stack.writeInterleaved(obs);
        // pixel 0: slots 0..3 = 0,0,0,1 ; pixel 1: 0,0,0,2
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 2}, obs);
    }

    @Test
    void pushesShiftOldestOutAndKeepOrder() {
        FrameStack stack = new FrameStack(3, 2);
        stack.reset(new byte[] {1, 10});
        stack.push(new byte[] {2, 20});
        stack.push(new byte[] {3, 30});
        stack.push(new byte[] {4, 40});
        byte[] obs = new byte[6];
        stack.writeInterleaved(obs);
        assertArrayEquals(new byte[] {2, 3, 4, 20, 30, 40}, obs);
    }

    @Test
    void saveAndLoadKeepTheOrder() {
        FrameStack a = new FrameStack(3, 1);
        a.reset(new byte[] {1});
        a.push(new byte[] {2});
        FrameStack b = new FrameStack(3, 1);
        b.load(a.oldestFirst());
        byte[] obs = new byte[3];
        b.writeInterleaved(obs);
        assertArrayEquals(new byte[] {0, 1, 2}, obs);
    }
}
