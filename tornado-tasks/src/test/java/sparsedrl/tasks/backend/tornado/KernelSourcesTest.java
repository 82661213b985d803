package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The float-only check of generated device code ({@link KernelSources}), on OpenCL and PTX text. */
class KernelSourcesTest {

    @TempDir
    Path tmp;

    /** Shaped like TornadoVM 5.2's OpenCL output: the fp64 pragma heads every program. */
    private static final List<String> OPENCL = List.of(
            "#pragma OPENCL EXTENSION cl_khr_fp64 : enable  ",
            "__kernel void gemm(__global long *_kernel_context, __global uchar *a, __private int m)",
            "{",
            "  float f_1;",
            "  f_1  =  fma(f_2, f_3, f_1);",
            "}",
            "#pragma OPENCL EXTENSION cl_khr_fp64 : enable  ",
            "__kernel void toDouble(__global long *_kernel_context, __global uchar *dst)",
            "{",
            "  double d_4;",
            "  d_4  =  (double) f_3;",
            "}",
            "__kernel void adam(__global uchar *w)",
            "{",
            "  double2 v;",
            "}");

    @Test
    void findsTheKernelsThatUseDouble() {
        assertEquals(List.of("toDouble", "adam"), KernelSources.doubleKernels(OPENCL));
        assertEquals(List.of(), KernelSources.doubleKernels(OPENCL.subList(0, 6)));
    }

    @Test
    void findsDoublesInPtx() {
        List<String> ptx = List.of(".visible .entry sumSlices(", "  .reg .f32 %f<4>;", "}",
                ".visible .entry meansInDouble(", "  .reg .f64 %fd<2>;", "  cvt.f64.f32 %fd1, %f1;", "}");
        assertEquals(List.of("meansInDouble"), KernelSources.doubleKernels(ptx));
    }

    @Test
    void aFileWithoutKernelsOrWithDoublesFails() throws Exception {
        Path none = Files.writeString(tmp.resolve("none.cl"), "nothing was compiled\n");
        assertEquals(1, KernelSources.checkFloatOnly(none.toString()));
        Path two = Files.write(tmp.resolve("two.cl"), OPENCL);
        assertEquals(2, KernelSources.checkFloatOnly(two.toString()));
        Path clean = Files.write(tmp.resolve("clean.cl"), OPENCL.subList(0, 6));
        assertEquals(0, KernelSources.checkFloatOnly(clean.toString()));
        assertEquals(1, KernelSources.checkFloatOnly(tmp.resolve("missing.cl").toString()));
        assertEquals(0, KernelSources.checkFloatOnly(null));
    }
}
