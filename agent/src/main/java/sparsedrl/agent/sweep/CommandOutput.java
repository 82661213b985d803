package sparsedrl.agent.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (sbatch, squeue) and captures its combined output. */
record CommandOutput(int exitCode, String text) {

    static CommandOutput run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.get(0) + " (is Slurm installed and on PATH?): " + e.getMessage(), e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd.get(0) + " did not finish within " + timeout);
        }
        return new CommandOutput(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
