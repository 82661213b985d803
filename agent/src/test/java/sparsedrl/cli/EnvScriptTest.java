package sparsedrl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env.sh's JDK and TornadoVM detection, run in a clean bash against fake JDK folders. */
class EnvScriptTest {

    @TempDir
    Path tmp;

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("env.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("env.sh not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** A folder that looks like a JDK of the given version to env.sh: bin/java, bin/javac, release. */
    private Path fakeJdk(String name, String version) throws IOException {
        Path home = tmp.resolve("jvm").resolve(name);
        Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path f = home.resolve("bin").resolve(tool);
            Files.writeString(f, "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private record Result(int code, String out, String err) {
    }

    private Result source(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-c",
                "source \"$1\"; rc=$?; echo \"JAVA_HOME=${JAVA_HOME:-}\"; echo \"TORNADOVM_HOME=${TORNADOVM_HOME:-}\"; exit $rc",
                "bash", repoRoot().resolve("env.sh").toString());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("HOME", tmp.toString());
        pb.environment().put("SPARSEDRL_TORNADO_DIRS", tmp.resolve("no-sdk-here").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    @Test
    void picksTheNewestJdkAtLeast21() throws Exception {
        fakeJdk("java-17-openjdk", "17.0.15");
        fakeJdk("java-21-openjdk", "21.0.4");
        Path jdk25 = fakeJdk("temurin-25-jdk", "25.0.1");
        Result r = source(Map.of("SPARSEDRL_JVM_DIR", tmp.resolve("jvm").toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("JAVA_HOME=" + jdk25 + "\n"), r.out());
    }

    @Test
    void honoursAnExistingJavaHomeThatIsNewEnough() throws Exception {
        fakeJdk("temurin-25-jdk", "25.0.1");
        Path jdk21 = fakeJdk("java-21-openjdk", "21.0.4");
        Result r = source(Map.of("SPARSEDRL_JVM_DIR", tmp.resolve("jvm").toString(), "JAVA_HOME", jdk21.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("JAVA_HOME=" + jdk21 + "\n"), r.out());
    }

    @Test
    void ignoresATooOldJavaHome() throws Exception {
        Path jdk17 = fakeJdk("java-17-openjdk", "17.0.15");
        Path jdk21 = fakeJdk("java-21-openjdk", "21.0.4");
        Result r = source(Map.of("SPARSEDRL_JVM_DIR", tmp.resolve("jvm").toString(), "JAVA_HOME", jdk17.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("JAVA_HOME=" + jdk21 + "\n"), r.out());
    }

    @Test
    void failsWithAMessageNamingTheMissingJdk() throws Exception {
        Path jdk17 = fakeJdk("java-17-openjdk", "17.0.15");
        Result r = source(Map.of("SPARSEDRL_JVM_DIR", tmp.resolve("jvm").toString(), "JAVA_HOME", jdk17.toString()));
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("no JDK 21 or newer found"), r.err());
        assertTrue(r.err().contains(tmp.resolve("jvm").toString()), "names where it looked: " + r.err());
    }

    @Test
    void exportsTornadoHomeOnlyWhenAnSdkIsThere() throws Exception {
        fakeJdk("temurin-25-jdk", "25.0.1");
        String jvmDir = tmp.resolve("jvm").toString();
        Result none = source(Map.of("SPARSEDRL_JVM_DIR", jvmDir, "TORNADOVM_HOME", tmp.resolve("nosdk").toString()));
        assertEquals(0, none.code(), none.err());
        assertTrue(none.out().contains("TORNADOVM_HOME=\n"), none.out());
        assertTrue(none.err().contains("has no bin/tornado"), none.err());

        Path sdk = tmp.resolve("sdk");
        Files.createDirectories(sdk.resolve("bin"));
        Path launcher = sdk.resolve("bin/tornado");
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result found = source(Map.of("SPARSEDRL_JVM_DIR", jvmDir, "TORNADOVM_HOME", sdk.toString()));
        assertEquals(0, found.code(), found.err());
        assertTrue(found.out().contains("TORNADOVM_HOME=" + sdk + "\n"), found.out());
    }
}
