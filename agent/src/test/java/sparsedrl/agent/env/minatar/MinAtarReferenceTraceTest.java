package sparsedrl.agent.env.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;

/**
 * Replays trajectories recorded from kenjyoung/MinAtar's own Python games (reference-traces.txt,
 * written by make_reference_traces.py next to it, which drives MinAtar with our random generator)
 * and requires the same reward, terminal flag and observation at every step.
 */
class MinAtarReferenceTraceTest {

    @Test
    void everyGameFollowsTheReferenceImplementationStepByStep() throws IOException {
        InputStream resource = getClass().getResourceAsStream("reference-traces.txt");
        assertNotNull(resource, "reference-traces.txt missing from the test resources");
        Set<String> gamesSeen = new HashSet<>();
        int episodes = 0;
        long steps = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource, StandardCharsets.US_ASCII))) {
            String header;
            while ((header = in.readLine()) != null) {
                String[] h = header.split(" ");
                assertEquals("episode", h[0], "malformed trace header: " + header);
                String game = h[1];
                long seed = Long.parseLong(h[2]);
                int length = Integer.parseInt(h[3]);
                gamesSeen.add(game);
                episodes++;
                try (Environment env = MinAtarEnvironment.create(game, EnvConfig.defaults())) {
                    env.reset(seed);
                    for (int t = 0; t < length; t++) {
                        String[] f = in.readLine().split(" ");
                        String where = game + " seed " + seed + " step " + (t + 1);
                        Environment.Step step = env.step(Integer.parseInt(f[0]));
                        assertEquals(Integer.parseInt(f[1]), step.reward(), where + ": reward");
                        assertEquals("1".equals(f[2]), step.terminal(), where + ": terminal");
                        assertFalse(step.truncated(), where + ": truncated");
                        assertEquals(Long.parseLong(f[3]), crc(env.observation()), where + ": observation");
                        steps++;
                    }
                }
            }
        }
        assertEquals(Set.copyOf(MinAtarEnvironment.GAMES), gamesSeen);
        assertTrue(episodes >= 5 && steps > 1000, "trace file too small: " + episodes + " episodes");
    }

    private static long crc(byte[] observation) {
        CRC32 crc = new CRC32();
        crc.update(observation);
        return crc.getValue();
    }
}
