package sparsedrl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "roms", mixinStandardHelpOptions = true,
        description = "Install and check the Atari ROMs (from the ale-py wheel).",
        subcommands = {RomsInstallCommand.class, RomsCheckCommand.class})
public final class RomsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose: install or check");
    }
}
