package sparsedrl.agent.roms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Fetches the ale-py wheel (which carries the ROMs) with {@code pip download --no-deps}. */
public final class PipWheelDownloader {
    public static final String ALE_PY_VERSION = "0.12.1";
    public static final String DEFAULT_PIP = "python3 -m pip";
    private static final long TIMEOUT_MINUTES = 15;
    private static final int OUTPUT_TAIL_CHARS = 1500;

    private final List<String> pipCommand;

    /** @param pip the pip command line, split on whitespace ({@code "python3 -m pip"}, {@code "pip3"}) */
    public PipWheelDownloader(String pip) {
        this.pipCommand = Arrays.stream(pip.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (pipCommand.isEmpty()) {
            throw new IllegalArgumentException("the pip command is empty");
        }
    }

    /** Downloads the wheel into {@code dir} and returns its path. */
    public Path download(Path dir) {
        List<String> cmd = new ArrayList<>(pipCommand);
        cmd.addAll(List.of("download", "--no-deps", "ale-py==" + ALE_PY_VERSION, "-d", dir.toString()));
        String shown = String.join(" ", cmd);
        Path log = dir.resolve("pip.log");
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new RomException("cannot run `" + String.join(" ", pipCommand) + "` (" + e.getMessage()
                    + "). Fix: install pip (e.g. `apt-get install python3-pip`) or name it with --pip", e);
        }
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new RomException("`" + shown + "` did not finish in " + TIMEOUT_MINUTES
                        + " minutes. Fix: check the network or the package index, then retry");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RomException("interrupted while waiting for pip", e);
        }
        if (process.exitValue() != 0) {
            throw new RomException("`" + shown + "` failed with exit code " + process.exitValue()
                    + ". Is the network or the package index reachable? pip said:\n" + tail(log));
        }
        return findWheel(dir, shown);
    }

    private static Path findWheel(Path dir, String shown) {
        try (DirectoryStream<Path> wheels = Files.newDirectoryStream(dir, "ale_py-" + ALE_PY_VERSION + "-*.whl")) {
            for (Path wheel : wheels) {
                return wheel;
            }
        } catch (IOException e) {
            throw new RomException("cannot list " + dir + " (" + e.getMessage() + ")", e);
        }
        throw new RomException("`" + shown + "` succeeded but left no ale_py-" + ALE_PY_VERSION + "-*.whl in " + dir
                + " (a source archive cannot be used: the ROMs ship in the wheels)");
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "(nothing)";
            }
            return text.length() <= OUTPUT_TAIL_CHARS ? text : "..." + text.substring(text.length() - OUTPUT_TAIL_CHARS);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
