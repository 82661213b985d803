package sparsedrl.agent.roms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing from a wheel: md5 verification (a tampered copy is refused), idempotence, pip failures. */
class RomInstallerTest {
    // RFC 1321 test vectors: MD5("abc") and MD5("").
    private static final String MD5_ABC = "900150983cd24fb0d6963f7d28e17f72";
    private static final String MD5_EMPTY = "d41d8cd98f00b204e9800998ecf8427e";

    @TempDir
    Path tmp;

    @Test
    void installsVerifiedRomsAndIsIdempotent() throws IOException {
        Path wheel = wheel("good.whl", Map.of("abc.bin", bytes("abc"), "empty.bin", new byte[0]),
                "{\"abc.bin\": \"" + MD5_ABC + "\", \"empty.bin\": \"" + MD5_EMPTY + "\"}");
        Path roms = tmp.resolve("roms");
        RomInstaller.Result first = RomInstaller.installFromWheel(wheel, roms);
        assertEquals(2, first.written());
        assertArrayEquals(bytes("abc"), Files.readAllBytes(roms.resolve("abc.bin")));
        assertEquals(0, Files.size(roms.resolve("empty.bin")));

        FileTime before = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(roms.resolve("abc.bin"), before);
        RomInstaller.Result second = RomInstaller.installFromWheel(wheel, roms);
        assertEquals(0, second.written());
        assertEquals(2, second.unchanged());
        assertEquals(before, Files.getLastModifiedTime(roms.resolve("abc.bin")), "a valid ROM must be left alone");
        try (var files = Files.list(roms)) {
            assertEquals(2, files.count(), "no temporary files may remain");
        }
    }

    @Test
    void replacesACorruptInstalledCopy() throws IOException {
        Path wheel = wheel("good.whl", Map.of("abc.bin", bytes("abc")), "{\"abc.bin\": \"" + MD5_ABC + "\"}");
        Path roms = Files.createDirectories(tmp.resolve("roms"));
        Files.write(roms.resolve("abc.bin"), bytes("abd"));
        assertEquals(1, RomInstaller.installFromWheel(wheel, roms).written());
        assertArrayEquals(bytes("abc"), Files.readAllBytes(roms.resolve("abc.bin")));
    }

    @Test
    void tamperedWheelIsRefusedAndNothingIsWritten() throws IOException {
        // md5.json lists the true md5 of "abc", but the wheel carries a tampered copy.
        Path wheel = wheel("tampered.whl", Map.of("abc.bin", bytes("abC"), "empty.bin", new byte[0]),
                "{\"abc.bin\": \"" + MD5_ABC + "\", \"empty.bin\": \"" + MD5_EMPTY + "\"}");
        Path roms = tmp.resolve("roms");
        RomException e = assertThrows(RomException.class, () -> RomInstaller.installFromWheel(wheel, roms));
        assertTrue(e.getMessage().contains("abc.bin") && e.getMessage().contains(MD5_ABC), e.getMessage());
        assertFalse(Files.exists(roms.resolve("empty.bin")), "verification is all-or-nothing");
    }

    @Test
    void romMissingFromMd5TableIsRefused() throws IOException {
        Path wheel = wheel("w.whl", Map.of("abc.bin", bytes("abc")), "{}");
        RomException e = assertThrows(RomException.class, () -> RomInstaller.installFromWheel(wheel, tmp.resolve("r")));
        assertTrue(e.getMessage().contains("not listed in md5.json"), e.getMessage());
    }

    @Test
    void wheelWithoutMd5TableIsRefused() throws IOException {
        Path wheel = wheel("w.whl", Map.of("abc.bin", bytes("abc")), null);
        RomException e = assertThrows(RomException.class, () -> RomInstaller.installFromWheel(wheel, tmp.resolve("r")));
        assertTrue(e.getMessage().contains("md5.json"), e.getMessage());
    }

    @Test
    void missingPipIsAClearError() {
        var pip = new PipWheelDownloader("sparsedrl-no-such-pip-command");
        RomException e = assertThrows(RomException.class, () -> pip.download(tmp));
        assertTrue(e.getMessage().contains("cannot run `sparsedrl-no-such-pip-command`"), e.getMessage());
        assertTrue(e.getMessage().contains("--pip"), e.getMessage());
    }

    @Test
    void failingPipIsAClearError() {
        // `false` stands for a pip that cannot reach the index: it exits non-zero.
        var pip = new PipWheelDownloader("false");
        RomException e = assertThrows(RomException.class, () -> pip.download(tmp));
        assertTrue(e.getMessage().contains("exit code 1") && e.getMessage().contains("network"), e.getMessage());
    }

    private Path wheel(String name, Map<String, byte[]> roms, String md5Json) throws IOException {
        Path wheel = tmp.resolve(name);
        try (OutputStream file = Files.newOutputStream(wheel); ZipOutputStream zip = new ZipOutputStream(file)) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("ale_py/__init__.py", bytes(""));
            roms.forEach((k, v) -> entries.put("ale_py/roms/" + k, v));
            if (md5Json != null) {
                entries.put("ale_py/roms/md5.json", bytes(md5Json));
            }
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return wheel;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
