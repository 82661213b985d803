package sparsedrl.agent.sweep;

import java.util.List;

/**
 * Resources of each array task and the array's concurrency.
 *
 * @param time        wall-time limit per task (sbatch --time), e.g. 48:00:00
 * @param mem         memory per task (sbatch --mem), e.g. 16G
 * @param cpus        CPUs per task
 * @param gpus        GPUs per task (0 = none; else --gres=gpu:N)
 * @param concurrency tasks running at once (the array's %K; 0 = no limit)
 * @param partition   partition, or null for the cluster's default
 * @param extra       further #SBATCH lines given verbatim, e.g. "--account=abc"
 */
public record SlurmOptions(String time, String mem, int cpus, int gpus, int concurrency, String partition,
                           List<String> extra) {

    public SlurmOptions {
        extra = extra == null ? List.of() : List.copyOf(extra);
        if (cpus < 1) {
            throw new IllegalArgumentException("--slurm-cpus must be at least 1, got " + cpus);
        }
        if (gpus < 0 || concurrency < 0) {
            throw new IllegalArgumentException("--slurm-gpus and --slurm-concurrency must not be negative");
        }
    }
}
