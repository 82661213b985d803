package sparsedrl.agent.replay;

import sparsedrl.tasks.random.SplitMix64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import sparsedrl.agent.env.Environment.ObservationShape;
import sparsedrl.tasks.backend.TransitionBatch;

/** Frame-stack rebuilding (zero padding at episode starts), sampling and save/load of the replay. */
class ReplayBufferTest {
    private static final ObservationShape GRAY4 = new ObservationShape(2, 3, 1, 4);

    /** An observation whose newest frame is {@code v} everywhere; older slots hold junk (never stored). */
    private static byte[] obs(ObservationShape s, int v) {
        byte[] o = new byte[s.size()];
        int ch = s.channels();
        for (int p = 0; p < s.height() * s.width(); p++) {
            for (int k = 0; k < ch; k++) {
                int slot = k / s.frameChannels();
                int c = k % s.frameChannels();
                o[p * ch + k] = (byte) (slot == s.stack() - 1 ? v + 100 * c : 77);
            }
        }
        return o;
    }

    /** The stack of pixel 0 of a state at {@code off}. */
    private static int[] pixel0(ObservationShape s, byte[] states, int off) {
        int[] r = new int[s.channels()];
        for (int k = 0; k < r.length; k++) {
            r[k] = states[off + k];
        }
        return r;
    }

    /** Episode A: frames 1..5 (terminal into 5); episode B: 11, 12, 13 (not finished). */
    private static ReplayBuffer twoEpisodes(int capacity) {
        ReplayBuffer rb = new ReplayBuffer(capacity, GRAY4);
        rb.startEpisode(obs(GRAY4, 1));
        for (int v = 2; v <= 5; v++) {
            rb.addStep(v % 3, v * 0.5f, v == 5, obs(GRAY4, v));
        }
        rb.startEpisode(obs(GRAY4, 11));
        rb.addStep(1, 0f, false, obs(GRAY4, 12));
        rb.addStep(2, 1f, false, obs(GRAY4, 13));
        return rb;
    }

    @Test
    void stacksArePaddedWithZerosBeforeTheEpisodeStart() {
        ReplayBuffer rb = twoEpisodes(100);
        byte[] out = new byte[GRAY4.size()];
        int[][] expected = {
            {0, 0, 0, 1}, {0, 0, 1, 2}, {0, 1, 2, 3}, {1, 2, 3, 4}, {2, 3, 4, 5},
            {0, 0, 0, 11}, {0, 0, 11, 12}, {0, 11, 12, 13},
        };
        for (int i = 0; i < expected.length; i++) {
            rb.writeState(i, out, 0);
            assertArrayEquals(expected[i], pixel0(GRAY4, out, 0), "entry " + i);
            // every pixel carries the same stack
            for (int p = 1; p < 6; p++) {
                assertArrayEquals(expected[i], pixel0(GRAY4, out, p * 4), "entry " + i + " pixel " + p);
            }
        }
    }

    @Test
    void multiChannelFramesInterleavePerPixel() {
        ObservationShape s = new ObservationShape(1, 2, 2, 2);
        ReplayBuffer rb = new ReplayBuffer(10, s);
        rb.startEpisode(obs(s, 3));
        rb.addStep(0, 0f, false, obs(s, 4));
        byte[] out = new byte[s.size()];
        rb.writeState(0, out, 0);
        assertArrayEquals(new byte[] {0, 0, 3, 103, 0, 0, 3, 103}, out);
        rb.writeState(1, out, 0);
        assertArrayEquals(new byte[] {3, 103, 4, 104, 3, 103, 4, 104}, out);
    }

    @Test
    void samplesAreConsistentTransitionsAndUniform() {
        ReplayBuffer rb = twoEpisodes(100);
        TransitionBatch b = new TransitionBatch(32, GRAY4.size());
        SplitMix64 rng = new SplitMix64(7);
        int[] counts = new int[20];
        int draws = 0;
        for (int round = 0; round < 300; round++) {
            rb.sample(rng, b);
            for (int k = 0; k < b.size; k++) {
                int[] st = pixel0(GRAY4, b.states, k * b.inputSize);
                int[] nx = pixel0(GRAY4, b.nextStates, k * b.inputSize);
                int v = st[3];
                assertEquals(v + 1, nx[3], "next frame follows the frame");
                assertEquals(st[1], nx[0]);
                assertEquals(st[2], nx[1]);
                assertEquals(st[3], nx[2]);
                // episode A steps 1..4 carry action v+1 % 3 and reward (v+1)/2; B: 11 -> (1, 0), 12 -> (2, 1)
                int a = v < 10 ? (v + 1) % 3 : (v == 11 ? 1 : 2);
                float r = v < 10 ? (v + 1) * 0.5f : (v == 11 ? 0f : 1f);
                assertEquals(a, b.actions[k]);
                assertEquals(r, b.rewards[k]);
                assertEquals(v == 4 ? 1f : 0f, b.terminals[k]);
                counts[v]++;
                draws++;
            }
        }
        // six transitions (1..4 and 11, 12); 5 and 13 are not transition starts
        int[] valid = {1, 2, 3, 4, 11, 12};
        int sum = 0;
        for (int v : valid) {
            sum += counts[v];
            double p = counts[v] / (double) draws;
            assertTrue(Math.abs(p - 1.0 / 6) < 0.02, "frequency of " + v + " = " + p);
        }
        assertEquals(draws, sum);
    }

    @Test
    void wrappedBufferNeverStacksOverwrittenFrames() {
        ReplayBuffer rb = new ReplayBuffer(9, GRAY4);
        int v = 1;
        for (int ep = 0; ep < 6; ep++) {
            rb.startEpisode(obs(GRAY4, v++));
            for (int s = 0; s < 4; s++) {
                rb.addStep(0, 0f, s == 3, obs(GRAY4, v++));
            }
            v += 5; // a gap between episodes so that frames of different episodes never look consecutive
        }
        assertEquals(9, rb.size());
        TransitionBatch b = new TransitionBatch(16, GRAY4.size());
        SplitMix64 rng = new SplitMix64(3);
        long firstHeld = rb.addCount() - 9;
        for (int round = 0; round < 50; round++) {
            rb.sample(rng, b);
            for (int k = 0; k < b.size; k++) {
                int[] st = pixel0(GRAY4, b.states, k * b.inputSize);
                for (int j = 0; j < 3; j++) {
                    assertTrue(st[j] == 0 || st[j] + 1 == st[j + 1], java.util.Arrays.toString(st));
                }
                assertTrue(st[3] > 0);
            }
        }
        assertTrue(firstHeld > 0);
    }

    @Test
    void sameSeedSameBatchAndSaveLoadRoundTrips() throws IOException {
        ReplayBuffer rb = twoEpisodes(6); // wrapped
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rb.save(new DataOutputStream(bytes));
        ReplayBuffer copy = new ReplayBuffer(6, GRAY4);
        copy.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(rb.addCount(), copy.addCount());
        TransitionBatch b1 = new TransitionBatch(8, GRAY4.size());
        TransitionBatch b2 = new TransitionBatch(8, GRAY4.size());
        rb.sample(new SplitMix64(11), b1);
        copy.sample(new SplitMix64(11), b2);
        assertArrayEquals(b1.states, b2.states);
        assertArrayEquals(b1.nextStates, b2.nextStates);
        assertArrayEquals(b1.actions, b2.actions);
        assertArrayEquals(b1.rewards, b2.rewards);
        assertArrayEquals(b1.terminals, b2.terminals);
        rb.addStep(1, 0f, false, obs(GRAY4, 14));
        copy.addStep(1, 0f, false, obs(GRAY4, 14));
        byte[] s1 = new byte[GRAY4.size()];
        byte[] s2 = new byte[GRAY4.size()];
        rb.writeState(rb.addCount() - 1, s1, 0);
        copy.writeState(copy.addCount() - 1, s2, 0);
        assertArrayEquals(s1, s2);
    }

    @Test
    void framesSplitOverChunksStackAcrossChunkBoundaries() {
        ObservationShape s = GRAY4;
        ReplayBuffer chunked = new ReplayBuffer(11, s, 2L * s.frameSize()); // six chunks of two frames
        ReplayBuffer flat = new ReplayBuffer(11, s);
        for (ReplayBuffer rb : new ReplayBuffer[] {chunked, flat}) {
            int v = 1;
            for (int ep = 0; ep < 4; ep++) {
                rb.startEpisode(obs(s, v++));
                for (int k = 0; k < 3 + ep; k++) {
                    rb.addStep(k % 6, k, k == 2 + ep, obs(s, v++));
                }
            }
        }
        byte[] a = new byte[s.size()];
        byte[] b = new byte[s.size()];
        for (long i = chunked.addCount() - 8; i < chunked.addCount(); i++) {
            chunked.writeState(i, a, 0);
            flat.writeState(i, b, 0);
            assertArrayEquals(b, a, "entry " + i);
        }
        TransitionBatch ba = new TransitionBatch(16, s.size());
        TransitionBatch bb = new TransitionBatch(16, s.size());
        chunked.sample(new SplitMix64(2), ba);
        flat.sample(new SplitMix64(2), bb);
        assertArrayEquals(bb.states, ba.states);
        assertArrayEquals(bb.nextStates, ba.nextStates);
    }

    @Test
    void atariBufferMemoryIsStated() {
        // 1M entries of 84x84 frames: 7,056,000,000 bytes of frames plus 6 bytes of metadata each
        assertEquals(7_062_000_000L, ReplayBuffer.bytesNeeded(1_000_000, 84 * 84));
    }
}
