package sparsedrl.agent.devicecheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the device bundle's run.sh found on the machine (libraries, the driver, the backends it chose), as
 * {@code KEY=VALUE} lines; blank lines and lines starting with {@code #} are skipped, a later key wins.
 */
public final class HostInfo {

    private HostInfo() {
    }

    public static ObjectNode read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static ObjectNode parse(String text) {
        ObjectNode node = CheckReport.JSON.createObjectNode();
        for (String line : text.split("\\R")) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            node.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return node;
    }
}
