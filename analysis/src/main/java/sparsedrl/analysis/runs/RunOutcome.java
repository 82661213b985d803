package sparsedrl.analysis.runs;

/**
 * What a run left on disk.
 *
 * @param run          its sweep entry
 * @param status       finished (result.json present), partial, or missing
 * @param reason       why it is excluded ("" when usable)
 * @param metrics      its metrics table; null when unreadable or absent
 * @param finalReturn  mean evaluation return over the final 10% of iterations (NaN when excluded)
 * @param finalDormant mean headline dormant fraction over the final 10% (NaN when not logged)
 * @param note         how its metrics were read when not simply from metrics.csv ("" otherwise), e.g.
 *                     "metrics.csv is cut short ...; read metrics.jsonl instead"
 */
public record RunOutcome(RunEntry run, Status status, String reason, MetricsTable metrics,
                         double finalReturn, double finalDormant, String note) {

    public enum Status { FINISHED, PARTIAL, MISSING }

    public RunOutcome(RunEntry run, Status status, String reason, MetricsTable metrics, double finalReturn,
                      double finalDormant) {
        this(run, status, reason, metrics, finalReturn, finalDormant, "");
    }

    /** Usable for final-score statistics: finished with a finite final return. */
    public boolean usable() {
        return status == Status.FINISHED && Double.isFinite(finalReturn);
    }
}
