package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of {@code tornado --devices} reports and of {@code --device DRIVER:DEVICE}. */
class TornadoDevicesTest {

    /** Verbatim output of TornadoVM 5.2.0 (OpenCL, PoCL) on this machine, colour codes included. */
    private static final String POCL_REPORT = """
            WARNING: Using incubator modules: jdk.incubator.vector

            Number of Tornado drivers: 1
            Driver: \u001B[36mOpenCL\u001B[0m
              Total number of OpenCL devices  : 1
              Tornado device=0:0  (DEFAULT)
            \t\u001B[36mOPENCL\u001B[0m --  [Portable Computing Language] -- pthread-skylake-avx512-AMD EPYC
            \t\tGlobal Memory Size: 5.2 GB
            \t\tLocal Memory Size: 1.0 MB
            \t\tWorkgroup Dimensions: 3
            \t\tTotal Number of Block Threads: [4096]
            \t\tMax WorkGroup Configuration: [4096, 4096, 4096]
            \t\tDevice OpenCL C version: OpenCL C 1.2 PoCL

            """;

    /** Two drivers with two devices, in the same format (as a multi-GPU machine reports them). */
    private static final String TWO_DRIVERS = """
            Number of Tornado drivers: 2
            Driver: PTX
              Total number of PTX devices  : 1
              Tornado device=0:0  (DEFAULT)
            \tPTX -- PTX -- NVIDIA H100 80GB HBM3
            \t\tGlobal Memory Size: 79.1 GB
            Driver: OpenCL
              Total number of OpenCL devices  : 2
              Tornado device=1:0
            \tOPENCL --  [NVIDIA CUDA] -- NVIDIA H100 80GB HBM3
            \t\tGlobal Memory Size: 79.1 GB
              Tornado device=1:1
            \tOPENCL --  [Portable Computing Language] -- cpu
            \t\tGlobal Memory Size: 5.2 GB
            """;

    @Test
    void parsesThePoclReport() {
        List<TornadoDevices.Device> d = TornadoDevices.parse(POCL_REPORT);
        assertEquals(1, d.size());
        assertEquals(new DeviceId(0, 0), d.get(0).id());
        assertEquals("OpenCL", d.get(0).driver());
        assertEquals("OPENCL -- [Portable Computing Language] -- pthread-skylake-avx512-AMD EPYC", d.get(0).description());
        assertEquals("5.2 GB", d.get(0).memory());
        assertTrue(d.get(0).isDefault());
    }

    @Test
    void parsesSeveralDriversAndDevices() {
        List<TornadoDevices.Device> d = TornadoDevices.parse(TWO_DRIVERS);
        assertEquals(List.of(new DeviceId(0, 0), new DeviceId(1, 0), new DeviceId(1, 1)),
                d.stream().map(TornadoDevices.Device::id).toList());
        assertEquals("PTX", d.get(0).driver());
        assertEquals("OpenCL", d.get(2).driver());
        assertEquals("OPENCL -- [Portable Computing Language] -- cpu", d.get(2).description());
        assertFalse(d.get(1).isDefault());
    }

    @Test
    void aReportWithoutDevicesGivesAnEmptyList() {
        assertTrue(TornadoDevices.parse("Number of Tornado drivers: 0\n").isEmpty());
    }

    @Test
    void deviceIdsParse() {
        assertEquals(new DeviceId(1, 2), DeviceId.parse("1:2"));
        assertEquals(new DeviceId(0, 0), DeviceId.parse(" 0 : 0 "));
        assertEquals(DeviceId.DEFAULT, DeviceId.parse(null));
        assertEquals("1:2", new DeviceId(1, 2).toString());
    }

    @Test
    void malformedDeviceIdsAreRejectedWithTheExpectedForm() {
        for (String bad : List.of("0", "0:0:0", "a:0", "0:-1", ":")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceId.parse(bad), bad);
            assertTrue(e.getMessage().contains("DRIVER:DEVICE") || e.getMessage().contains(">= 0"), e.getMessage());
        }
    }
}
