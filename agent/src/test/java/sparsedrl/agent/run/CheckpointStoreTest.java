package sparsedrl.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic checkpoint files: integrity footer, retention of the newest two, fallback on damage. */
class CheckpointStoreTest {

    private static Path write(CheckpointStore s, int value) throws IOException {
        return s.write(out -> {
            out.writeInt(value);
            out.write(new byte[5000]);
        });
    }

    @Test
    void keepsTheNewestTwoAndLoadsTheNewest(@TempDir Path tmp) throws IOException {
        CheckpointStore s = new CheckpointStore(tmp.resolve("ck"));
        for (int i = 1; i <= 4; i++) {
            write(s, i);
        }
        List<Path> files = s.checkpoints();
        assertEquals(List.of("ckpt-00000004.bin", "ckpt-00000003.bin"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        AtomicInteger seen = new AtomicInteger();
        Path used = s.loadNewest(in -> seen.set(in.readInt()), () -> { }, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(files.get(0), used);
        assertEquals(4, seen.get());
    }

    @Test
    void flippedByteIsDetectedAndThePreviousOneIsUsed(@TempDir Path tmp) throws IOException {
        CheckpointStore s = new CheckpointStore(tmp);
        write(s, 1);
        Path newest = write(s, 2);
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0x10);
        }
        IOException e = assertThrows(IOException.class, () -> CheckpointStore.verify(newest));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
        ByteArrayOutputStream warn = new ByteArrayOutputStream();
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger freshCalls = new AtomicInteger();
        s.loadNewest(in -> seen.set(in.readInt()), freshCalls::incrementAndGet, new PrintStream(warn, true));
        assertEquals(1, seen.get());
        assertEquals(1, freshCalls.get()); // the damaged one failed verification before any state was touched
        assertTrue(warn.toString().contains("ckpt-00000002.bin"), warn.toString());
    }

    @Test
    void leftoverTemporaryFileIsIgnoredAndNothingUsableGivesNull(@TempDir Path tmp) throws IOException {
        CheckpointStore s = new CheckpointStore(tmp);
        Files.write(tmp.resolve(".ckpt-00000001.bin.tmp"), new byte[10]);
        assertTrue(s.checkpoints().isEmpty());
        Path only = write(s, 7);
        assertEquals("ckpt-00000001.bin", only.getFileName().toString());
        Files.write(only, new byte[3]);
        assertNull(s.loadNewest(in -> in.readInt(), () -> { }, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void aFailedWriteNamesTheCheckpointAndKeepsTheOlderOnes(@TempDir Path tmp) throws IOException {
        CheckpointStore s = new CheckpointStore(tmp.resolve("ck"));
        write(s, 1);
        IOException e = assertThrows(IOException.class, () -> s.write(out -> {
            out.write(new byte[100]);
            throw new IOException("No space left on device"); // a full disk names no file
        }));
        assertTrue(e.getMessage().contains(tmp.resolve("ck").resolve("ckpt-00000002.bin").toString())
                && e.getMessage().endsWith("No space left on device"), e.getMessage());
        assertEquals(List.of("ckpt-00000001.bin"), s.checkpoints().stream().map(p -> p.getFileName().toString()).toList());
        try (var files = Files.list(tmp.resolve("ck"))) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
