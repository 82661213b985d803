package sparsedrl.analysis.report;

import java.util.List;
import sparsedrl.analysis.runs.ConfigKey;
import sparsedrl.analysis.runs.RunOutcome;
import sparsedrl.analysis.stats.Interval;

/**
 * The statistics of one configuration over its seeds.
 *
 * @param key      the configuration
 * @param runs     all its runs, usable or not
 * @param scores   final returns of the usable runs (mean of the final 10% of evaluations)
 * @param mean     mean over seeds with the Student-t 95% interval
 * @param iqm      IQM over seeds with the stratified-bootstrap 95% interval
 * @param hns      human-normalised mean with its t interval; null when the game has no reference
 * @param dormant  final headline dormant fraction, mean with t interval (NaN when not logged)
 * @param dormantPhase headline dormant fraction averaged over the sparse phase (20–80% of training),
 *                 mean with t interval (NaN when not logged)
 */
public record ConfigStats(ConfigKey key, List<RunOutcome> runs, double[] scores, Interval mean, Interval iqm,
                          Interval hns, Interval dormant, Interval dormantPhase) {

    public int usableCount() {
        return scores.length;
    }

    public int excludedCount() {
        return runs.size() - scores.length;
    }
}
