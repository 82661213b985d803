package sparsedrl.analysis.report;

import java.util.List;
import sparsedrl.analysis.stats.Interval;

/**
 * One of the paper's findings judged against the data: it is supported when every contrast lies
 * on the expected side with its whole 95% interval (for NOT_NEGATIVE: the interval's upper end is
 * at or above zero).
 */
public record Finding(String id, String statement, Verdict verdict, List<Contrast> contrasts, String note) {

    public enum Verdict { SUPPORTED, NOT_SUPPORTED, NOT_TESTABLE }

    public enum Expect {
        POSITIVE("> 0"), NEGATIVE("< 0"), NOT_NEGATIVE("not < 0");

        public final String text;

        Expect(String text) {
            this.text = text;
        }
    }

    /** A difference A − B of IQMs over matched tasks, with its bootstrap interval. */
    public record Contrast(String description, Interval difference, Expect expect, int tasks, int runsA, int runsB) {

        public boolean holds() {
            return switch (expect) {
                case POSITIVE -> difference.above(0);
                case NEGATIVE -> difference.below(0);
                case NOT_NEGATIVE -> difference.hasBounds() && difference.high() >= 0;
            };
        }
    }
}
