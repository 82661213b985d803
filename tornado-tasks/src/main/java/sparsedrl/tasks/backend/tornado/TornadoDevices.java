package sparsedrl.tasks.backend.tornado;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TornadoVM devices of an SDK, as its launcher reports them ({@code tornado --devices}).
 *
 * <p>Plain JVM code: it runs the SDK's launcher in a child process instead of loading TornadoVM
 * classes, so {@code sparsedrl devices} works from the ordinary application jar.
 */
public final class TornadoDevices {

    /** One device: the id passed as {@code --device DRIVER:DEVICE} and what the SDK says about it. */
    public record Device(DeviceId id, String driver, String description, String memory, boolean isDefault) {
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final Pattern DRIVER = Pattern.compile("^\\s*Driver:\\s*(.+?)\\s*$");
    private static final Pattern DEVICE = Pattern.compile("^\\s*Tornado device=(\\d+):(\\d+)\\s*(\\(DEFAULT\\))?.*$");
    private static final Pattern MEMORY = Pattern.compile("^\\s*Global Memory Size:\\s*(.+?)\\s*$");
    private static final long TIMEOUT_S = 120;

    private TornadoDevices() {
    }

    /** The SDK named by {@code TORNADOVM_HOME}, or null when it is unset or has no {@code bin/tornado}. */
    public static Path sdkHome() {
        String home = System.getenv("TORNADOVM_HOME");
        if (home == null || home.isBlank()) {
            return null;
        }
        Path p = Path.of(home);
        return Files.isExecutable(p.resolve("bin").resolve("tornado")) ? p : null;
    }

    /**
     * Runs {@code <sdk>/bin/tornado --devices} and parses its report.
     *
     * @throws IOException when the launcher cannot run, fails, or reports no device
     */
    public static List<Device> list(Path sdk) throws IOException {
        String report = runLauncher(sdk);
        List<Device> devices = parse(report);
        if (devices.isEmpty()) {
            throw new IOException("'" + sdk.resolve("bin/tornado") + " --devices' reported no device:\n" + report.strip());
        }
        return devices;
    }

    /** Parses the text of {@code tornado --devices} (colour codes allowed). */
    public static List<Device> parse(String report) {
        List<Device> out = new ArrayList<>();
        String driver = "?";
        String[] lines = ANSI.matcher(report).replaceAll("").split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher d = DRIVER.matcher(lines[i]);
            if (d.matches()) {
                driver = d.group(1);
                continue;
            }
            Matcher m = DEVICE.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            DeviceId id = new DeviceId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            String description = "";
            String memory = "";
            // The device's details follow on indented lines until the next device or driver.
            for (int j = i + 1; j < lines.length && !DEVICE.matcher(lines[j]).matches()
                    && !DRIVER.matcher(lines[j]).matches(); j++) {
                Matcher mem = MEMORY.matcher(lines[j]);
                if (mem.matches()) {
                    memory = mem.group(1);
                } else if (description.isEmpty() && !lines[j].isBlank()) {
                    description = lines[j].strip().replaceAll("\\s+", " ");
                }
            }
            out.add(new Device(id, driver, description, memory, m.group(3) != null));
        }
        out.sort(Comparator.comparingInt((Device x) -> x.id().driver()).thenComparingInt(x -> x.id().device()));
        return List.copyOf(out);
    }

    private static String runLauncher(Path sdk) throws IOException {
        // The launcher puts the working directory on the module path: run it from an empty one.
        Path dir = Files.createTempDirectory("sparsedrl-tornado-devices");
        try {
            ProcessBuilder pb = new ProcessBuilder(sdk.resolve("bin").resolve("tornado").toString(), "--devices")
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("TORNADOVM_HOME", sdk.toString());
            // The launcher needs JAVA_HOME; when we were started without one, it is the JDK running us.
            pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] bytes;
            try (InputStream in = p.getInputStream()) {
                bytes = in.readAllBytes();
            }
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("'tornado --devices' did not finish in " + TIMEOUT_S + " s");
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("'" + sdk.resolve("bin/tornado") + " --devices' failed (exit "
                        + p.exitValue() + "):\n" + ANSI.matcher(text).replaceAll("").strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing TornadoVM devices", e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover empty temp directory is harmless
        }
    }
}
