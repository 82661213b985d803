package sparsedrl.agent.roms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a ROM can be bad is caught in plain Java, with a message naming the game and the fix. */
class RomValidatorTest {
    @TempDir
    Path dir;

    @Test
    void knownTableHoldsTheStudyGamesWithTheWheelsMd5() {
        // Values from ale_py/roms/md5.json of ale-py 0.12.1.
        assertEquals("60e0ea3cbe0913d39803477945e9e5ec", KnownRoms.md5("pong"));
        assertEquals("f34f08e5eb96e500e851a80be3277a56", KnownRoms.md5("breakout"));
        assertEquals("484b0076816a104875e00467d431c2d2", KnownRoms.md5("qbert"));
        assertEquals("87e79cd41ce136fd4f72cc6e2c161bee", KnownRoms.md5("ms_pacman"));
        assertEquals("72ffbef6504b75e69ee1045af9075f66", KnownRoms.md5("space_invaders"));
        // Newer than ALE 0.7.3: must never reach loadROM.
        assertEquals(null, KnownRoms.md5("combat"));
    }

    @Test
    void missingRomNamesGameAndFix() {
        RomException e = assertThrows(RomException.class, () -> RomValidator.validate("atari:pong", "pong", dir));
        assertTrue(e.getMessage().startsWith("atari:pong: ROM pong.bin not found in " + dir), e.getMessage());
        assertTrue(e.getMessage().contains("sparsedrl roms install"), e.getMessage());
    }

    @Test
    void missingFolderIsSaid() {
        Path nowhere = dir.resolve("absent");
        RomException e = assertThrows(RomException.class, () -> RomValidator.validate("atari:pong", "pong", nowhere));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void directoryInPlaceOfRomIsRejected() throws IOException {
        Files.createDirectory(dir.resolve("qbert.bin"));
        RomException e = assertThrows(RomException.class, () -> RomValidator.validate("atari:qbert", "qbert", dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(e.getMessage().startsWith("atari:qbert:"), e.getMessage());
    }

    @Test
    void truncatedAndTamperedCopiesAreCorrupt() throws IOException {
        byte[] rom = realOrStandInRom("breakout");
        Files.write(dir.resolve("breakout.bin"), Arrays.copyOf(rom, rom.length / 2));
        RomException truncated = assertThrows(RomException.class,
                () -> RomValidator.validate("atari:breakout", "breakout", dir));
        assertTrue(truncated.getMessage().contains("corrupt"), truncated.getMessage());
        assertTrue(truncated.getMessage().contains("f34f08e5eb96e500e851a80be3277a56"), truncated.getMessage());

        byte[] tampered = rom.clone();
        tampered[100] ^= 0x01;
        Files.write(dir.resolve("breakout.bin"), tampered);
        RomException e = assertThrows(RomException.class,
                () -> RomValidator.validate("atari:breakout", "breakout", dir));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains("delete it"), e.getMessage());

        Files.write(dir.resolve("breakout.bin"), new byte[0]);
        assertThrows(RomException.class, () -> RomValidator.validate("atari:breakout", "breakout", dir));
    }

    @Test
    void unreadableRomIsRejected() throws IOException {
        Path rom = Files.write(dir.resolve("pong.bin"), new byte[2048]);
        Files.setPosixFilePermissions(rom, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(rom), "running as root: permissions do not stop reading");
        RomException e = assertThrows(RomException.class, () -> RomValidator.validate("atari:pong", "pong", dir));
        assertTrue(e.getMessage().contains("not readable"), e.getMessage());
    }

    @Test
    void unknownGameListsTheSupportedOnes() {
        RomException e = assertThrows(RomException.class, () -> RomValidator.validate("atari:zork", "zork", dir));
        assertTrue(e.getMessage().contains("pong"), e.getMessage());
    }

    @Test
    void installedRealRomPasses() {
        Path roms = TestRoms.requireRom("pong");
        ValidRom rom = RomValidator.validate("atari:pong", "pong", roms);
        assertEquals("60e0ea3cbe0913d39803477945e9e5ec", rom.md5());
    }

    /** The real ROM when installed (so the tamper is one flipped bit of it), else 2 KiB of filler. */
    private static byte[] realOrStandInRom(String game) throws IOException {
        Path real = TestRoms.dir().resolve(game + ".bin");
        if (Files.isRegularFile(real)) {
            return Files.readAllBytes(real);
        }
        byte[] filler = new byte[2048];
        Arrays.fill(filler, (byte) 0xEA);
        return filler;
    }
}
