package sparsedrl.agent.run;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import sparsedrl.agent.sweep.JavaRunLauncher;

/**
 * A {@code sparsedrl} command in a child JVM with this JVM's Java, options and class path (as a
 * sweep starts its runs), output to a log file: for tests that kill or signal a real process.
 */
public final class ChildJvm {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code sparsedrl ARGS} in {@code workDir} with extra environment variables. */
    public static ChildJvm start(Path log, Path workDir, Map<String, String> env, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(JavaRunLauncher.ofThisApplication().prefix());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        pb.environment().putAll(env);
        return new ChildJvm(pb.start(), log);
    }

    public static ChildJvm start(Path log, List<String> args) throws IOException {
        return start(log, null, Map.of(), args);
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until {@code condition} holds while the child lives; false after 60 s or once it exited. */
    public boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return condition.getAsBoolean();
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Sends a signal by name (TERM, INT, USR1) with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The exit code, after waiting up to 120 s (then the child is killed and -1 returned). */
    public int exitCode() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** Whether a complete checkpoint file is in {@code runDir/checkpoints}. */
    public static boolean hasCheckpoint(Path runDir) {
        File[] files = runDir.resolve("checkpoints").toFile()
                .listFiles((d, n) -> n.startsWith("ckpt-") && n.endsWith(".bin"));
        return files != null && files.length > 0;
    }
}
