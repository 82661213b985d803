package sparsedrl.tasks.backend.tornado;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the device code TornadoVM generated ({@code -Dtornado.printKernel=true
 * -Dtornado.print.kernel.dir=FILE} appends every kernel it compiles to FILE) and checks that it is float only: FP64 runs at a small fraction of
 * FP32 on consumer GPUs and is missing on some, so no kernel may declare, load or compute a
 * {@code double}. The fp64 extension pragma TornadoVM puts in front of every program is not code.
 */
final class KernelSources {

    private static final Pattern KERNEL = Pattern.compile("__kernel\\s+void\\s+(\\w+)|\\.entry\\s+(\\w+)");
    private static final Pattern DOUBLE = Pattern.compile("\\bdouble\\d*\\b|\\.f64\\b");

    private KernelSources() {
    }

    /**
     * Prints the kernels in {@code file} that use double precision and returns how many problems
     * there were: one per such kernel, or one when the file holds no kernel at all. Null: nothing
     * to check (0, with a note).
     */
    static int checkFloatOnly(String file) {
        if (file == null) {
            System.out.println("== float-only device code: not checked (no -Dtornado.printKernel=true"
                    + " -Dtornado.print.kernel.dir=FILE)");
            return 0;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            System.out.println("== float-only device code: FAIL, cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        List<String> bad = doubleKernels(lines);
        long kernels = lines.stream().filter(l -> KERNEL.matcher(l).find()).count();
        System.out.println("== float-only device code: " + kernels + " kernels in " + file + ", "
                + (bad.isEmpty() ? "none uses double" : "double in " + bad));
        return kernels == 0 ? 1 : bad.size();
    }

    /** Names of the kernels whose code mentions a double type (in the order they appear). */
    static List<String> doubleKernels(List<String> lines) {
        java.util.Set<String> bad = new java.util.LinkedHashSet<>();
        String current = "(before any kernel)";
        for (String line : lines) {
            Matcher k = KERNEL.matcher(line);
            if (k.find()) {
                current = k.group(1) != null ? k.group(1) : k.group(2);
            }
            if (!line.stripLeading().startsWith("#pragma") && DOUBLE.matcher(line).find()) {
                bad.add(current);
            }
        }
        return List.copyOf(bad);
    }
}
