package sparsedrl.agent.roms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sparsedrl.cli.SparseDrl;

/** `sparsedrl roms check|install` through the real command line: output and exit codes. */
class RomsCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void checkOnAnEmptyFolderNamesEveryStudyGameAndFails() {
        StringWriter out = new StringWriter();
        int code = run(out, new StringWriter(), "roms", "check", "--dir", tmp.toString());
        assertEquals(SparseDrl.EXIT_FAILURE, code);
        for (String game : KnownRoms.STUDY_GAMES) {
            assertTrue(out.toString().contains(game + ".bin not found"), out.toString());
        }
        assertTrue(out.toString().contains("0 of 5 study games ready"), out.toString());
    }

    @Test
    void installFromATamperedWheelExitsOneWithTheReason() throws IOException {
        Path wheel = tmp.resolve("ale_py-0.12.1-test.whl");
        try (OutputStream file = Files.newOutputStream(wheel); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("ale_py/roms/pong.bin"));
            zip.write("not pong".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("ale_py/roms/md5.json"));
            zip.write("{\"pong.bin\": \"60e0ea3cbe0913d39803477945e9e5ec\"}".getBytes(StandardCharsets.US_ASCII));
        }
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "roms", "install", "--wheel", wheel.toString(), "--dir",
                tmp.resolve("roms").toString());
        assertEquals(SparseDrl.EXIT_FAILURE, code);
        assertTrue(err.toString().contains("pong.bin") && err.toString().contains("md5"), err.toString());
        assertTrue(Files.notExists(tmp.resolve("roms/pong.bin")));
    }

    @Test
    void installedRealWheelPassesCheck() throws IOException {
        Path roms = TestRoms.dir();
        TestRoms.requireRom("pong");
        StringWriter out = new StringWriter();
        int code = run(out, new StringWriter(), "roms", "check", "--dir", roms.toString());
        assertTrue(out.toString().contains("pong             ok"), out.toString());
        assertEquals(out.toString().contains("5 of 5") ? SparseDrl.EXIT_OK : SparseDrl.EXIT_FAILURE, code);
    }

    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = SparseDrl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
