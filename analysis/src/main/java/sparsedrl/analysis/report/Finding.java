package sparsedrl.analysis.report;

import java.util.List;
import java.util.Locale;
import sparsedrl.analysis.stats.Interval;

/**
 * One of the paper's findings judged against the data. A finding is made of claims (the parts of
 * its sentence: "loses", "closes the gap", ...); each claim is judged by checks (one per game, per
 * sparsity level, or one pooled), and each check is an IQM difference A − B with a stratified
 * bootstrap interval tested as the claim's words say (greater, less, or equivalent within a margin).
 * A finding is not supported when a claim fails, not testable when a claim cannot be tested and
 * none fails, and supported when every claim holds.
 */
public record Finding(String id, String statement, Verdict verdict, String note, List<Claim> claims) {

    public enum Verdict {
        SUPPORTED, NOT_SUPPORTED, NOT_TESTABLE;

        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** How a check's interval decides it. */
    public record Test(Kind kind, double margin) {

        public enum Kind { GREATER, LESS, EQUIVALENT }

        public static final Test GREATER = new Test(Kind.GREATER, 0);
        public static final Test LESS = new Test(Kind.LESS, 0);

        /** Two one-sided tests at α = 0.05: the 90% interval lies inside (−margin, +margin). */
        public static Test equivalent(double margin) {
            if (!(margin > 0)) {
                throw new IllegalArgumentException("equivalence margin must be > 0, got " + margin);
            }
            return new Test(Kind.EQUIVALENT, margin);
        }

        /** The interval level the test reads: 95% for a one-sided superiority, 90% for TOST. */
        public double level() {
            return kind == Kind.EQUIVALENT ? 0.90 : 0.95;
        }

        public boolean holds(Interval i) {
            return switch (kind) {
                case GREATER -> i.above(0);
                case LESS -> i.below(0);
                case EQUIVALENT -> i.hasBounds() && i.low() > -margin && i.high() < margin;
            };
        }

        public String text() {
            return switch (kind) {
                case GREATER -> "its 95% interval lies above 0";
                case LESS -> "its 95% interval lies below 0";
                case EQUIVALENT -> String.format(Locale.ROOT, "its 90%% interval lies inside ±%s "
                        + "(two one-sided tests, α = 0.05, equivalence margin %s)", Interval.num(margin), Interval.num(margin));
            };
        }
    }

    /** A group of runs compared in a check: one game, or one game at one sparsity. */
    public record Task(String name, List<String> runsA, List<String> runsB) {
    }

    /**
     * IQM(A) − IQM(B) over its tasks. {@code interval} is at the test's level; no tasks means the
     * grid has no (or too few) runs for this check, and {@code why} says which.
     */
    public record Check(String scope, Interval interval, boolean holds, List<Task> tasks, String why) {

        public boolean testable() {
            return !tasks.isEmpty();
        }

        public int runsA() {
            return tasks.stream().mapToInt(t -> t.runsA().size()).sum();
        }

        public int runsB() {
            return tasks.stream().mapToInt(t -> t.runsB().size()).sum();
        }
    }

    /**
     * One part of a finding.
     *
     * @param id       the finding's id and the claim's number, e.g. "a2"
     * @param text     the words judged, e.g. "RigL from step 0 loses to pruning at low sparsity"
     * @param contrast A − B, e.g. "prune − rigl@0 (bias, s ≤ 0.9)"
     * @param rule     the whole rule in words: measure, test, what a check pools, what the claim needs
     * @param test     how each check is decided
     * @param verdict  supported when every testable check holds and at least one is testable
     * @param summary  e.g. "holds in 3 of 4 games; fails in minatar:asterix"
     * @param checks   every check, testable or not
     */
    public record Claim(String id, String text, String contrast, String rule, Test test, Verdict verdict, String summary,
                        List<Check> checks) {
    }
}
