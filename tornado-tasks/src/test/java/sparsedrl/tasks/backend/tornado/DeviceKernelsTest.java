package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The device-side uint8 conversion, run on the JVM (the TornadoVM side is covered by the equivalence test). */
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
}
