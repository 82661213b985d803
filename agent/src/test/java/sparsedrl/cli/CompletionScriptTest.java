package sparsedrl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

/** The committed shell completion script must be what picocli generates from the current CLI. */
class CompletionScriptTest {

    @Test
    void committedCompletionMatchesTheCommandLine() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("env.sh"))) {
            root = root.getParent();
        }
        String committed = Files.readString(root.resolve("scripts/sparsedrl_completion"));
        String generated = AutoComplete.bash("sparsedrl", SparseDrl.commandLine());
        assertEquals(stripBanner(generated), stripBanner(committed),
                "scripts/sparsedrl_completion is stale: run scripts/gen-completion.sh");
    }

    /** The generated header carries a timestamp; compare the rest. */
    private static String stripBanner(String script) {
        return script.replaceAll("(?m)^#.*Generated on.*$", "");
    }
}
