package sparsedrl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparsedrl.agent.roms.PipWheelDownloader;
import sparsedrl.agent.roms.RomDirectory;
import sparsedrl.agent.roms.RomInstaller;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Download the ale-py wheel with pip, verify every ROM's md5, write them to the ROM folder.",
            "Idempotent: valid ROMs already there are left alone."})
public final class RomsInstallCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "ROM folder (default: $SPARSEDRL_ROMS, else ./roms).")
    Path dir;

    @Option(names = "--pip", paramLabel = "CMD", defaultValue = PipWheelDownloader.DEFAULT_PIP,
            description = "pip command line (default: ${DEFAULT-VALUE}).")
    String pip;

    @Option(names = "--wheel", paramLabel = "FILE",
            description = "Install from an ale-py wheel already downloaded instead of running pip.")
    Path wheel;

    @Override
    public Integer call() {
        if (pip.isBlank()) {
            throw new UsageException("--pip must name a command");
        }
        Path target = RomDirectory.resolve(dir);
        var out = spec.commandLine().getOut();
        RomInstaller.Result result;
        if (wheel != null) {
            result = RomInstaller.installFromWheel(wheel, target);
        } else {
            out.println("Downloading ale-py==" + PipWheelDownloader.ALE_PY_VERSION + " with `" + pip + "`...");
            out.flush();
            result = RomInstaller.installWithPip(new PipWheelDownloader(pip), target);
        }
        out.printf("%d ROMs verified against md5.json in %s: %d written, %d already up to date.%n",
                result.total(), result.dir(), result.written(), result.unchanged());
        return SparseDrl.EXIT_OK;
    }
}
