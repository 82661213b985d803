package sparsedrl.agent.sweep;

import java.util.List;

/**
 * Resources of each array task and the array's concurrency. Every text value goes verbatim onto an
 * {@code #SBATCH} line, so control characters (a newline would start a shell line of its own) are
 * refused.
 *
 * @param time        wall-time limit per task (sbatch --time), e.g. 48:00:00
 * @param mem         memory per task (sbatch --mem), e.g. 16G
 * @param cpus        CPUs per task
 * @param gpus        GPUs per task (0 = none; else --gres=gpu:N)
 * @param concurrency tasks running at once (the array's %K; 0 = no limit)
 * @param partition   partition, or null for the cluster's default
 * @param extra       further #SBATCH lines given verbatim, e.g. "--account=abc"
 * @param stopBefore  seconds before the time limit at which Slurm sends SIGUSR1, on which a task
 *                    checkpoints its run and requeues itself (0 = no signal)
 */
public record SlurmOptions(String time, String mem, int cpus, int gpus, int concurrency, String partition,
                           List<String> extra, int stopBefore) {

    /** Slurm keeps the warning time in 16 bits (sbatch --signal: at most 65535 seconds). */
    static final int MAX_STOP_BEFORE = 65_535;
    /** Default lead of the time-limit warning: room to finish a step and write a 7 GB Atari checkpoint. */
    public static final int DEFAULT_STOP_BEFORE = 300;

    public SlurmOptions {
        extra = extra == null ? List.of() : List.copyOf(extra);
        if (cpus < 1) {
            throw new IllegalArgumentException("--slurm-cpus must be at least 1, got " + cpus);
        }
        if (gpus < 0 || concurrency < 0) {
            throw new IllegalArgumentException("--slurm-gpus and --slurm-concurrency must not be negative");
        }
        if (stopBefore < 0 || stopBefore > MAX_STOP_BEFORE) {
            throw new IllegalArgumentException("--slurm-stop-before must be in [0, " + MAX_STOP_BEFORE + "] seconds, got "
                    + stopBefore);
        }
        requireOneLine("--slurm-time", time);
        requireOneLine("--slurm-mem", mem);
        requireOneLine("--slurm-partition", partition);
        for (String x : extra) {
            requireOneLine("--slurm-option", x);
        }
    }

    /** Refuses a value with a control character (newline, carriage return, tab, escape...): it must stay on its line. */
    static void requireOneLine(String what, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters such as newlines (it goes "
                    + "onto an #SBATCH line of the job script), got " + value.replaceAll("\\p{Cntrl}", "?"));
        }
    }
}
