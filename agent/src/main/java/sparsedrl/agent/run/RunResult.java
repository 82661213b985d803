package sparsedrl.agent.run;

import java.util.List;
import sparsedrl.agent.config.RunConfig;

/**
 * The summary of a finished run, written as {@code RUN_DIR/result.json}; its presence means the run
 * finished. The headline number is the mean evaluation return over the final 10% of iterations
 * (at least one), as the paper reports (SPEC.md section 4); the training-return counterpart is
 * what Dopamine's baselines (section 9) report.
 *
 * @param finalIterations   how many final iterations the two means cover
 * @param finalEvalReturn   mean evaluation return of the final iterations
 * @param finalTrainReturn  mean training return of the final iterations
 * @param frames            training frames of the run
 * @param wallSeconds       wall time including earlier (interrupted) sessions
 */
public record RunResult(String env, String method, double sparsity, long seed, int iterations, int finalIterations,
                        double finalEvalReturn, double finalTrainReturn, long frames, long updates,
                        double wallSeconds) {
    public static final String FILE = "result.json";

    static RunResult from(RunConfig cfg, MetricsLog metrics, double wallSeconds) {
        List<double[]> rows = metrics.rows();
        int k = Math.max(1, (int) Math.round(rows.size() * 0.1));
        double eval = meanOfLast(rows, metrics.index("eval_return"), k);
        double train = meanOfLast(rows, metrics.index("train_return"), k);
        double[] last = rows.get(rows.size() - 1);
        return new RunResult(cfg.env(), cfg.method(), cfg.sparsity(), cfg.seed(), rows.size(), k, eval, train,
                (long) last[metrics.index("frames")], (long) last[metrics.index("updates")], wallSeconds);
    }

    private static double meanOfLast(List<double[]> rows, int column, int k) {
        double sum = 0;
        int n = 0;
        for (int i = rows.size() - k; i < rows.size(); i++) {
            double v = rows.get(i)[column];
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }
}
