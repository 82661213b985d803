package sparsedrl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/install-tornado-sdk.sh (used by .ci/run) against small fake SDK archives. */
class InstallTornadoSdkScriptTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private Result install(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", EnvScriptTest.repoRoot().resolve("scripts/install-tornado-sdk.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", tmp.resolve("home").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    /** A tar.gz holding {@code tornadovm-sdk/} with an executable bin/tornado when {@code withLauncher}. */
    private Path archive(String name, boolean withLauncher) throws Exception {
        Path src = tmp.resolve("src-" + name);
        Path bin = Files.createDirectories(src.resolve("tornadovm-sdk/bin"));
        Files.writeString(src.resolve("tornadovm-sdk/README.md"), "fake SDK " + name + "\n");
        if (withLauncher) {
            Path launcher = bin.resolve("tornado");
            Files.writeString(launcher, "#!/bin/sh\necho fake\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path tgz = tmp.resolve(name + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-C", src.toString(), "-czf", tgz.toString(), "tornadovm-sdk")
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        return tgz;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private List<Path> cacheEntries(Path cache) throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.toList();
        }
    }

    @Test
    void extractsAVerifiedArchiveOnceAndReusesIt() throws Exception {
        Path tgz = archive("good", true);
        String sha = sha256(tgz);
        Path cache = tmp.resolve("cache");
        Result first = install("--archive", tgz.toString(), "--sha256", sha, "--cache", cache.toString());
        assertEquals(0, first.code(), first.err());
        Path sdk = cache.resolve("tornadovm-" + sha.substring(0, 16)).resolve("tornadovm-sdk");
        assertEquals(sdk + "\n", first.out());
        assertTrue(Files.isExecutable(sdk.resolve("bin/tornado")));
        // The launcher writes its argfile into the SDK: a second run keeps the folder as it is.
        Files.writeString(sdk.resolve("tornado-argfile"), "written by the launcher\n");
        Result second = install("--archive", tgz.toString(), "--sha256", sha, "--cache", cache.toString());
        assertEquals(0, second.code(), second.err());
        assertEquals(first.out(), second.out());
        assertTrue(Files.exists(sdk.resolve("tornado-argfile")));
        assertEquals(1, cacheEntries(cache).size(), "no partial folder left: " + cacheEntries(cache));
    }

    @Test
    void aMissingArchiveFailsNamingItsPath() throws Exception {
        Path missing = tmp.resolve("shared/tornadovm/none.tar.gz");
        Result r = install("--archive", missing.toString(), "--cache", tmp.resolve("cache").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anArchiveWithAnotherChecksumIsNotInstalled() throws Exception {
        Path tgz = archive("tampered", true);
        Path cache = tmp.resolve("cache");
        Result r = install("--archive", tgz.toString(), "--sha256", "0".repeat(64), "--cache", cache.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(sha256(tgz)), r.err());
        assertEquals(List.of(), cacheEntries(cache));
    }

    @Test
    void anArchiveWithoutTheLauncherLeavesNothingBehind() throws Exception {
        Path tgz = archive("nolauncher", false);
        Path cache = tmp.resolve("cache");
        Result r = install("--archive", tgz.toString(), "--sha256", sha256(tgz), "--cache", cache.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bin/tornado"), r.err());
        assertEquals(List.of(), cacheEntries(cache));
    }

    @Test
    void theDefaultsInstallTheSharedOpenClArchive() throws Exception {
        // Default archive path (shared/ beside the repository) and its pinned sha256, checked for real.
        Path shared = EnvScriptTest.repoRoot().resolve("../shared/tornadovm/tornadovm-5.2.0-jdk25-opencl-linux-amd64.tar.gz");
        Assumptions.assumeTrue(Files.isRegularFile(shared), "no " + shared + " here");
        Path cache = tmp.resolve("cache");
        Result r = install("--cache", cache.toString());
        assertEquals(0, r.code(), r.err());
        Path sdk = Path.of(r.out().strip());
        assertTrue(Files.isRegularFile(sdk.resolve("share/java/tornado/tornado-api-5.2.0-jdk25.jar")), r.out());
    }

    @Test
    void badUsageExits2() throws Exception {
        assertEquals(2, install("--sha256", "xyz").code());
        assertEquals(2, install("--cache").code());
        Result r = install("--frobnicate");
        assertEquals(2, r.code());
        assertFalse(r.err().isBlank());
    }
}
