package sparsedrl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparsedrl.agent.roms.KnownRoms;
import sparsedrl.agent.roms.RomDirectory;
import sparsedrl.agent.roms.RomException;
import sparsedrl.agent.roms.RomValidator;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"List which of the five study games have a valid ROM.",
            "Exit code 0 when all five are valid, 1 otherwise."})
public final class RomsCheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"--dir", "--rom-dir"}, paramLabel = "DIR",
            description = "ROM folder (default: $SPARSEDRL_ROMS, else ./roms).")
    Path dir;

    @Override
    public Integer call() {
        Path romDir = RomDirectory.resolve(dir);
        var out = spec.commandLine().getOut();
        out.println("ROM folder: " + romDir);
        int valid = 0;
        for (String game : KnownRoms.STUDY_GAMES) {
            try {
                RomValidator.validate("atari:" + game, game, romDir);
                out.printf("  %-16s ok%n", game);
                valid++;
            } catch (RomException e) {
                out.printf("  %-16s PROBLEM: %s%n", game, e.getMessage());
            }
        }
        out.printf("%d of %d study games ready.%n", valid, KnownRoms.STUDY_GAMES.size());
        return valid == KnownRoms.STUDY_GAMES.size() ? SparseDrl.EXIT_OK : SparseDrl.EXIT_FAILURE;
    }
}
