package sparsedrl.tasks.backend.tornado;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this module in a child JVM started by the SDK's {@code tornado} launcher
 * (which sets up TornadoVM's module path and JVM flags), with bailouts to plain Java disabled so
 * that a kernel TornadoVM cannot compile fails instead of silently running on the JVM.
 *
 * <p>The child's class path is this module's compiled classes only: the tornado-api jar Maven puts
 * on the test class path (bundled gpu-llama3 classes or the SDK's jar) must not be there, the SDK
 * provides its own on the module path.
 */
final class TornadoChildJvm {

    record Outcome(int exitCode, String output) {
    }

    private TornadoChildJvm() {
    }

    /** @param jvmFlags more JVM options for the child (space-separated, no quoting), or "" */
    static Outcome run(Path sdk, Class<?> mainClass, String jvmFlags, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        String classPath = location(DeviceId.class) + File.pathSeparator + location(mainClass);
        List<String> cmd = new ArrayList<>();
        cmd.add(sdk.resolve("bin").resolve("tornado").toString());
        cmd.add(("--jvm=-Dtornado.recover.bailout=False -Xmx4g " + jvmFlags).strip());
        cmd.add("--classpath");
        cmd.add(classPath);
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        // The launcher puts the working directory on the module path: start it in an empty one.
        Path dir = Files.createTempDirectory("sparsedrl-tornado-test");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("TORNADOVM_HOME", sdk.toString());
            pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            p.getOutputStream().close();
            StringBuilder out = new StringBuilder();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (InputStream in = p.getInputStream()) {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        String s = new String(buf, 0, n, StandardCharsets.UTF_8);
                        System.out.print(s);
                        synchronized (out) {
                            out.append(s);
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone; what was read is reported
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                reader.join(5000);
                synchronized (out) {
                    return new Outcome(-1, out + "\n[timed out after " + timeoutSeconds + " s]");
                }
            }
            reader.join(10000);
            synchronized (out) {
                return new Outcome(p.exitValue(), out.toString());
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
