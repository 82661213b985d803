package sparsedrl.agent.roms;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The ROMs inside an ale-py wheel: every {@code ale_py/roms/*.bin}, each checked against the
 * wheel's own {@code ale_py/roms/md5.json} (a JSON object mapping file name to lower-case MD5).
 */
public final class WheelRoms {
    static final String ROM_PREFIX = "ale_py/roms/";
    static final String MD5_TABLE = ROM_PREFIX + "md5.json";

    private WheelRoms() {
    }

    /**
     * Reads and verifies every ROM of the wheel. Verification is all-or-nothing: one file whose MD5
     * differs from md5.json (or is absent from it) rejects the whole wheel.
     *
     * @return file name ({@code pong.bin}) to content, sorted by name
     * @throws RomException when the wheel is unreadable, lacks md5.json or any ROM fails its check
     */
    public static Map<String, byte[]> readVerified(Path wheel) {
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            ZipEntry tableEntry = zip.getEntry(MD5_TABLE);
            if (tableEntry == null) {
                throw new RomException(wheel + " has no " + MD5_TABLE + "; is it an ale-py wheel (0.9 or newer)?");
            }
            Map<String, String> table;
            try {
                table = new ObjectMapper().readValue(zip.getInputStream(tableEntry),
                        new TypeReference<TreeMap<String, String>>() { });
            } catch (IOException e) {
                throw new RomException(wheel + ": " + MD5_TABLE + " is not a JSON object of file name to md5 ("
                        + e.getMessage() + ")", e);
            }
            Map<String, byte[]> roms = new TreeMap<>();
            List<String> bad = new ArrayList<>();
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(ROM_PREFIX) || !name.endsWith(".bin")) {
                    continue;
                }
                String fileName = name.substring(ROM_PREFIX.length());
                if (fileName.contains("/")) {
                    continue;
                }
                byte[] data = zip.getInputStream(entry).readAllBytes();
                String expected = table.get(fileName);
                String actual = Md5.hex(data);
                if (expected == null) {
                    bad.add(fileName + " (not listed in md5.json)");
                } else if (!expected.equalsIgnoreCase(actual)) {
                    bad.add(fileName + " (md5 " + actual + ", md5.json says " + expected + ")");
                } else {
                    roms.put(fileName, data);
                }
            }
            if (!bad.isEmpty()) {
                throw new RomException("refusing " + wheel.getFileName() + ": " + bad.size()
                        + " ROM(s) fail their md5 check: " + String.join(", ", bad)
                        + ". Nothing was installed; download the wheel again.");
            }
            if (roms.isEmpty()) {
                throw new RomException(wheel + " contains no " + ROM_PREFIX + "*.bin files");
            }
            return roms;
        } catch (IOException e) {
            throw new RomException("cannot read the wheel " + wheel + " (" + e.getMessage() + ")", e);
        }
    }
}
