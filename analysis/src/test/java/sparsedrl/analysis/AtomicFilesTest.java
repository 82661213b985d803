package sparsedrl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aFailedWriteNamesItsFileAndKeepsTheOldOne(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("metrics.csv");
        Files.writeString(target, "old");
        // what a full disk throws from write(): a message without any file name
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + target.toAbsolutePath() + ": No space left on device", e.getMessage());
        assertEquals("old", Files.readString(target));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void temporaryNamesAreRecognised(@TempDir Path dir) throws Exception {
        AtomicFiles.write(dir.resolve("result.json"), out -> {
            try (var s = Files.list(dir)) {
                String tmp = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("result.json")).findFirst()
                        .orElseThrow();
                assertTrue(AtomicFiles.isTemporaryOf(tmp, "result.json"), tmp);
                assertFalse(AtomicFiles.isTemporaryOf(tmp, "metrics.csv"), tmp);
            }
        });
        assertFalse(AtomicFiles.isTemporaryOf(".result.json.tmp", "result.json"));
        assertFalse(AtomicFiles.isTemporaryOf(".result.jsonx12.tmp", "result.json"));
        assertFalse(AtomicFiles.isTemporaryOf("result.json12.tmp", "result.json"));
    }
}
