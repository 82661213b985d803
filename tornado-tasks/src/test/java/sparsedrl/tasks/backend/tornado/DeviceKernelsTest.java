package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import sparsedrl.tasks.kernels.AdamKernels;

import org.junit.jupiter.api.Test;

/**
 * Device kernels run on the JVM (the TornadoVM side is covered by the equivalence test): the uint8
 * conversion, and the device's Adam step against the shared one ({@link AdamKernels}, itself checked
 * against Optax's formula), which on the JVM must agree bit for bit.
 */
class DeviceKernelsTest {

    @Test
    void scaleBytesReadsEveryByteAsUnsigned() {
        byte[] in = new byte[256];
        for (int i = 0; i < 256; i++) {
            in[i] = (byte) i;
        }
        float[] out = new float[256];
        DeviceKernels.scaleBytes(in, 0.5f, out, 256);
        for (int i = 0; i < 256; i++) {
            assertEquals(i * 0.5f, out[i], "byte " + i);
        }
    }

    @Test
    void adamIsTheSharedAdamStep() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 1000;
        float[] w = new float[n];
        float[] g = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) rng.nextGaussian();
            g[i] = (float) rng.nextGaussian() * 1e-2f;
            m[i] = (float) rng.nextGaussian() * 1e-3f;
            v[i] = (float) rng.nextDouble() * 1e-4f;
            mask[i] = rng.nextDouble() < 0.7 ? 1f : 0f;
        }
        float lr = 6.25e-5f;
        float b1 = 0.9f;
        float b2 = 0.999f;
        float eps = 1.5e-4f;
        float c1 = (float) (1 - Math.pow(b1, 7));
        float c2 = (float) (1 - Math.pow(b2, 7));
        float[] hyper = {lr, b1, b2, AdamKernels.complement(b1), AdamKernels.complement(b2), eps, c1, c2};
        float[][] shared = {w.clone(), g.clone(), m.clone(), v.clone()};
        float[][] device = {w.clone(), g.clone(), m.clone(), v.clone()};
        AdamKernels.step(shared[0], shared[1], shared[2], shared[3], mask, 1, lr, b1, b2, hyper[3], hyper[4], eps, c1,
                c2, 0, n);
        DeviceKernels.adam(device[0], device[1], device[2], device[3], mask, 1, hyper, n);
        for (int a = 0; a < 4; a++) {
            assertArrayEquals(shared[a], device[a], "array " + a);
        }
        int[] active = new int[n];
        for (int i = 0; i < n; i++) {
            active[i] = mask[i] != 0f ? i : -1;
        }
        AdamKernels.stepAt(shared[0], shared[1], shared[2], shared[3], mask, 1, lr, b1, b2, hyper[3], hyper[4], eps, c1,
                c2, active, 0, n);
        DeviceKernels.adamAt(device[0], device[1], device[2], device[3], mask, hyper, active, n);
        for (int a = 0; a < 4; a++) {
            assertArrayEquals(shared[a], device[a], "array " + a + " (listed)");
        }
    }
}
