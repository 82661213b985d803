package sparsedrl.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import sparsedrl.analysis.report.Finding.Check;
import sparsedrl.analysis.report.Finding.Claim;
import sparsedrl.analysis.report.Finding.Task;
import sparsedrl.analysis.report.Finding.Test;
import sparsedrl.analysis.report.Finding.Verdict;
import sparsedrl.analysis.runs.ConfigKey;
import sparsedrl.analysis.runs.RunOutcome;
import sparsedrl.analysis.stats.Interval;
import sparsedrl.analysis.stats.StratifiedBootstrap;
import sparsedrl.analysis.stats.TaskScores;

/**
 * Judges the paper's four findings (SPEC.md §1) the way their words put them. "Loses" and
 * "under-performs" are one-sided: the 95% interval of the difference lies on the stated side.
 * "Closes the gap" and "comparable" are equivalence: two one-sided tests, i.e. the 90% interval lies
 * inside ± the equivalence margin. "Across all five games" is judged game by game and needs every
 * game. The dormant-neuron claims are judged per game over the sparse phase (20–80% of training)
 * and at the end (final 10%), with the sparsity contrast of Figure 2 (RigL at the highest against
 * the lowest sparsity of the grid).
 *
 * <p>Returns are compared after {@link ScoreNormaliser} normalisation (human-normalised for Atari),
 * so the margin is in normalised score; dormant fractions are compared as they are. Each check is
 * IQM(A) − IQM(B) with a percentile stratified bootstrap interval over its tasks; a task takes part
 * only when both sides have at least {@link #MIN_RUNS_PER_TASK} usable runs in it. Only
 * configurations without extra flag axes take part. "RigL" is RigL starting at 20% unless stated.
 */
public final class FindingsJudge {

    /** Default equivalence margin, in normalised score: a tenth of the human–random gap. */
    public static final double DEFAULT_EQUIVALENCE_MARGIN = 0.1;
    /**
     * Fewest runs per group in a task for it to take part: with two runs a percentile bootstrap has
     * four possible resamples and its interval is far too narrow to decide anything.
     */
    public static final int MIN_RUNS_PER_TASK = 3;
    /** "Above 90% sparsity" (finding b) is high; "low sparsity" (finding a) is the rest. */
    static final double HIGH_SPARSITY_ABOVE = 0.9;
    /** The sparse phase of the paper's schedule: topology changes from 20% to 80% of training. */
    public static final double SPARSE_PHASE_START = 0.2;
    public static final double SPARSE_PHASE_END = 0.8;

    private static final Predicate<ConfigKey> PRUNE = k -> k.method().equals("prune")
            && (k.sparseStart() == null || k.sparseStart() == 0.2);
    /** RigL from 20%; a sweep that did not set the start gets train's default, which is 20%. */
    private static final Predicate<ConfigKey> RIGL20 = k -> k.method().equals("rigl")
            && (k.sparseStart() == null || k.sparseStart() == 0.2);
    private static final Predicate<ConfigKey> RIGL0 = k -> k.isMethod("rigl", 0.0);
    private static final Predicate<ConfigKey> BIAS = ConfigKey::bias;
    private static final Predicate<ConfigKey> NO_BIAS = k -> !k.bias();
    private static final Predicate<ConfigKey> HIGH = k -> k.sparsity() > HIGH_SPARSITY_ABOVE;
    private static final Predicate<ConfigKey> LOW = k -> k.sparsity() <= HIGH_SPARSITY_ABOVE;

    /** A value of each run that a check compares. */
    private record Measure(String name, ToDoubleFunction<RunOutcome> value) {
    }

    /** One side of a contrast. */
    private record Side(String label, Predicate<ConfigKey> select) {
    }

    /** How a claim's runs split into checks and each check's runs into bootstrap tasks. */
    private enum Grouping {
        PER_SPARSITY("one check per sparsity level, the games as bootstrap tasks",
                "every sparsity level's check holds", "sparsity levels"),
        PER_GAME("one check per game, its sparsity levels as bootstrap tasks",
                "the check holds in every game (across all games)", "games"),
        PER_GAME_ACROSS_SPARSITY("one check per game (one task: the game)",
                "the check holds in every game (across all games)", "games"),
        POOLED("one check, every game × sparsity level as a bootstrap task", "the check holds", "checks");

        final String split;
        final String needs;
        final String plural;

        Grouping(String split, String needs, String plural) {
            this.split = split;
            this.needs = needs;
            this.plural = plural;
        }

        String scope(ConfigKey k) {
            return switch (this) {
                case PER_SPARSITY -> "s=" + fmt(k.sparsity());
                case PER_GAME, PER_GAME_ACROSS_SPARSITY -> k.env();
                case POOLED -> "all games";
            };
        }

        String task(ConfigKey k) {
            return this == PER_GAME_ACROSS_SPARSITY ? k.env() : k.env() + " s=" + fmt(k.sparsity());
        }
    }

    private record RunValue(String id, double value) {
    }

    private final int replicates;
    private final long seed;
    private final double margin;

    public FindingsJudge(int replicates, long seed, double equivalenceMargin) {
        this.replicates = replicates;
        this.seed = seed;
        this.margin = equivalenceMargin;
        Test.equivalent(equivalenceMargin); // rejects a margin <= 0 here rather than mid-report
    }

    public List<Finding> judge(List<ConfigStats> stats) {
        List<ConfigStats> plain = stats.stream().filter(s -> s.key().extra().isEmpty()).toList();
        ScoreNormaliser norm = new ScoreNormaliser(plain);
        Measure score = new Measure("normalised final return (mean of the final 10% of evaluations; "
                + "human-normalised for Atari games, min–max rescaled within the sweep otherwise)",
                o -> norm.of(o.run().env(), o.finalReturn()));
        Test equivalent = Test.equivalent(margin);
        List<Finding> out = new ArrayList<>();

        out.add(finding(plain, "a", "RigL starting at step 0 loses to pruning at low sparsity; starting at 20% "
                        + "closes that gap (Fig. 3). Low sparsity: at most " + fmt(HIGH_SPARSITY_ABOVE) + ".",
                new ClaimSpec("RigL from step 0 loses to pruning at low sparsity",
                        new Side("prune", PRUNE.and(BIAS).and(LOW)), new Side("rigl@0", RIGL0.and(BIAS).and(LOW)),
                        "(bias, s ≤ " + fmt(HIGH_SPARSITY_ABOVE) + ")", score, Test.GREATER, Grouping.PER_SPARSITY),
                new ClaimSpec("RigL from 20% closes the gap: comparable to pruning at low sparsity",
                        new Side("rigl@0.2", RIGL20.and(BIAS).and(LOW)), new Side("prune", PRUNE.and(BIAS).and(LOW)),
                        "(bias, s ≤ " + fmt(HIGH_SPARSITY_ABOVE) + ")", score, equivalent, Grouping.PER_SPARSITY)));

        out.add(finding(plain, "b", "Above 90% sparsity RigL under-performs pruning (Fig. 1).",
                new ClaimSpec("RigL under-performs pruning at every sparsity above 90%",
                        new Side("prune", PRUNE.and(BIAS).and(HIGH)), new Side("rigl@0.2", RIGL20.and(BIAS).and(HIGH)),
                        "(bias, s > " + fmt(HIGH_SPARSITY_ABOVE) + ")", score, Test.GREATER, Grouping.PER_SPARSITY)));

        out.add(finding(plain, "c", "Removing biases helps RigL and hurts pruning at high sparsity, across all "
                        + "five games; RigL without bias is comparable to pruning with bias (Fig. 1 dashed).",
                new ClaimSpec("removing biases helps RigL, in every game",
                        new Side("rigl@0.2 no-bias", RIGL20.and(NO_BIAS).and(HIGH)),
                        new Side("rigl@0.2 bias", RIGL20.and(BIAS).and(HIGH)),
                        "(s > " + fmt(HIGH_SPARSITY_ABOVE) + ")", score, Test.GREATER, Grouping.PER_GAME),
                new ClaimSpec("removing biases hurts pruning, in every game",
                        new Side("prune no-bias", PRUNE.and(NO_BIAS).and(HIGH)),
                        new Side("prune bias", PRUNE.and(BIAS).and(HIGH)),
                        "(s > " + fmt(HIGH_SPARSITY_ABOVE) + ")", score, Test.LESS, Grouping.PER_GAME),
                new ClaimSpec("RigL without bias is comparable to pruning with bias",
                        new Side("rigl@0.2 no-bias", RIGL20.and(NO_BIAS).and(HIGH)),
                        new Side("prune bias", PRUNE.and(BIAS).and(HIGH)),
                        "(s > " + fmt(HIGH_SPARSITY_ABOVE) + ")", score, equivalent, Grouping.POOLED)));

        out.add(finding(plain, "d", "RigL at high sparsity has many dormant neurons, fewer without bias; pruning "
                        + "the opposite (Fig. 2, which shows Pong and Breakout). Dormant fraction at tau = 0.025, "
                        + "judged per game over the sparse phase (" + pct(SPARSE_PHASE_START) + "–"
                        + pct(SPARSE_PHASE_END) + " of training) and at the end (final 10%).",
                dormantClaims(plain)));
        return out;
    }

    private ClaimSpec[] dormantClaims(List<ConfigStats> plain) {
        Measure phase = new Measure("dormant fraction, time average over the sparse phase " + pct(SPARSE_PHASE_START)
                + "–" + pct(SPARSE_PHASE_END) + " of training", Aggregator::sparsePhaseDormant);
        Measure end = new Measure("dormant fraction, mean over the final 10% of iterations", RunOutcome::finalDormant);
        TreeSet<Double> rigLevels = new TreeSet<>();
        plain.stream().filter(s -> RIGL20.and(BIAS).test(s.key()) && s.usableCount() > 0)
                .forEach(s -> rigLevels.add(s.key().sparsity()));
        List<ClaimSpec> claims = new ArrayList<>();
        String high = "(s > " + fmt(HIGH_SPARSITY_ABOVE) + ")";
        for (Measure m : List.of(phase, end)) {
            String when = m == phase ? ", over the sparse phase" : ", at the end";
            claims.add(new ClaimSpec("RigL has more dormant neurons than pruning at high sparsity" + when,
                    new Side("rigl@0.2", RIGL20.and(BIAS).and(HIGH)), new Side("prune", PRUNE.and(BIAS).and(HIGH)),
                    "(bias, s > " + fmt(HIGH_SPARSITY_ABOVE) + ")", m, Test.GREATER, Grouping.PER_GAME));
            if (rigLevels.size() >= 2) {
                double hi = rigLevels.last();
                double lo = rigLevels.first();
                claims.add(new ClaimSpec("RigL has more dormant neurons at high than at low sparsity" + when,
                        new Side("rigl@0.2 s=" + fmt(hi), RIGL20.and(BIAS).and(k -> k.sparsity() == hi)),
                        new Side("rigl@0.2 s=" + fmt(lo), RIGL20.and(BIAS).and(k -> k.sparsity() == lo)),
                        "(bias)", m, Test.GREATER, Grouping.PER_GAME_ACROSS_SPARSITY));
            } else {
                claims.add(new ClaimSpec("RigL has more dormant neurons at high than at low sparsity" + when,
                        new Side("rigl@0.2 at the highest sparsity", k -> false),
                        new Side("rigl@0.2 at the lowest sparsity", k -> false),
                        "(bias; needs rigl@0.2 with bias at two sparsity levels)", m, Test.GREATER,
                        Grouping.PER_GAME_ACROSS_SPARSITY));
            }
            claims.add(new ClaimSpec("RigL has fewer dormant neurons without bias" + when,
                    new Side("rigl@0.2 no-bias", RIGL20.and(NO_BIAS).and(HIGH)),
                    new Side("rigl@0.2 bias", RIGL20.and(BIAS).and(HIGH)), high, m, Test.LESS, Grouping.PER_GAME));
            claims.add(new ClaimSpec("pruning has more dormant neurons without bias" + when,
                    new Side("prune no-bias", PRUNE.and(NO_BIAS).and(HIGH)),
                    new Side("prune bias", PRUNE.and(BIAS).and(HIGH)), high, m, Test.GREATER, Grouping.PER_GAME));
        }
        return claims.toArray(ClaimSpec[]::new);
    }

    /** What a claim compares and how; {@link #claim} turns it into checks. */
    private record ClaimSpec(String text, Side a, Side b, String qualifier, Measure measure, Test test,
                             Grouping grouping) {
    }

    private Finding finding(List<ConfigStats> stats, String id, String statement, ClaimSpec... specs) {
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            claims.add(claim(stats, id + (i + 1), specs[i]));
        }
        List<Claim> failed = claims.stream().filter(c -> c.verdict() == Verdict.NOT_SUPPORTED).toList();
        List<Claim> untested = claims.stream().filter(c -> c.verdict() == Verdict.NOT_TESTABLE).toList();
        if (!failed.isEmpty()) {
            return new Finding(id, statement, Verdict.NOT_SUPPORTED, "fails: " + ids(failed)
                    + (untested.isEmpty() ? "" : "; not testable: " + ids(untested)), claims);
        }
        if (!untested.isEmpty()) {
            return new Finding(id, statement, Verdict.NOT_TESTABLE, "this grid cannot test " + ids(untested)
                    + (untested.size() == claims.size() ? "" : "; the others hold"), claims);
        }
        return new Finding(id, statement, Verdict.SUPPORTED, "every claim holds", claims);
    }

    private static String ids(List<Claim> claims) {
        return claims.stream().map(Claim::id).collect(Collectors.joining(", "));
    }

    private Claim claim(List<ConfigStats> stats, String id, ClaimSpec spec) {
        Grouping g = spec.grouping();
        Map<String, Map<String, List<RunValue>>> a = values(stats, spec.a().select(), spec.measure(), g);
        Map<String, Map<String, List<RunValue>>> b = values(stats, spec.b().select(), spec.measure(), g);
        TreeSet<String> scopes = new TreeSet<>(a.keySet());
        scopes.addAll(b.keySet());
        List<Check> checks = new ArrayList<>();
        for (String scope : scopes) {
            checks.add(check(id, spec, scope, a.getOrDefault(scope, Map.of()), b.getOrDefault(scope, Map.of())));
        }
        String contrast = spec.a().label() + " − " + spec.b().label() + " " + spec.qualifier();
        String rule = contrast + ": IQM(A) − IQM(B) of the " + spec.measure().name() + "; " + g.split
                + " (a task needs " + MIN_RUNS_PER_TASK + " usable runs on each side); a check holds when "
                + spec.test().text() + "; the claim holds when " + g.needs + ".";
        List<Check> testable = checks.stream().filter(Check::testable).toList();
        List<Check> untestable = checks.stream().filter(c -> !c.testable()).toList();
        if (testable.isEmpty()) {
            String why = checks.isEmpty() ? "the grid has no usable runs of " + spec.a().label() + " or of "
                    + spec.b().label() + " " + spec.qualifier()
                    : reasons(untestable);
            return new Claim(id, spec.text(), contrast, rule, spec.test(), Verdict.NOT_TESTABLE, "not testable: " + why,
                    checks);
        }
        List<Check> failing = testable.stream().filter(c -> !c.holds()).toList();
        String counted = g == Grouping.POOLED ? (failing.isEmpty() ? "holds" : "fails")
                : String.format(Locale.ROOT, "holds in %d of %d %s", testable.size() - failing.size(), testable.size(),
                g.plural) + (failing.isEmpty() ? "" : "; fails in " + scopesOf(failing));
        String summary = counted + (untestable.isEmpty() ? "" : "; not testable in " + scopesOf(untestable));
        return new Claim(id, spec.text(), contrast, rule, spec.test(),
                failing.isEmpty() ? Verdict.SUPPORTED : Verdict.NOT_SUPPORTED, summary, checks);
    }

    /** Each distinct reason once, with the checks it stops: "no usable runs of rigl@0 (s=0.8, s=0.9)". */
    private static String reasons(List<Check> untestable) {
        Map<String, List<Check>> byWhy = new LinkedHashMap<>();
        untestable.forEach(c -> byWhy.computeIfAbsent(c.why(), w -> new ArrayList<>()).add(c));
        return byWhy.entrySet().stream().map(e -> e.getKey() + " (" + scopesOf(e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String scopesOf(List<Check> checks) {
        return checks.stream().map(Check::scope).collect(Collectors.joining(", "));
    }

    private Check check(String claimId, ClaimSpec spec, String scope, Map<String, List<RunValue>> a,
                        Map<String, List<RunValue>> b) {
        List<Task> tasks = new ArrayList<>();
        List<double[]> ga = new ArrayList<>();
        List<double[]> gb = new ArrayList<>();
        for (String task : new TreeSet<>(a.keySet())) {
            List<RunValue> ra = a.get(task);
            List<RunValue> rb = b.get(task);
            if (rb != null && ra.size() >= MIN_RUNS_PER_TASK && rb.size() >= MIN_RUNS_PER_TASK) {
                tasks.add(new Task(task, ra.stream().map(RunValue::id).toList(), rb.stream().map(RunValue::id).toList()));
                ga.add(ra.stream().mapToDouble(RunValue::value).toArray());
                gb.add(rb.stream().mapToDouble(RunValue::value).toArray());
            }
        }
        if (tasks.isEmpty()) {
            String why = a.isEmpty() ? "no usable runs of " + spec.a().label()
                    : b.isEmpty() ? "no usable runs of " + spec.b().label()
                    : "no task with " + MIN_RUNS_PER_TASK + " usable runs on both sides (" + spec.a().label() + ": "
                    + counts(a) + "; " + spec.b().label() + ": " + counts(b) + ")";
            return new Check(scope, Interval.pointOnly(Double.NaN), false, List.of(), why);
        }
        // A seed per check: its interval does not depend on which other checks the sweep allows.
        long checkSeed = seed * 1_000_003L + (claimId + "|" + spec.text() + "|" + scope).hashCode();
        Interval diff = new StratifiedBootstrap(replicates, checkSeed)
                .difference(ga, gb, TaskScores::iqm, spec.test().level());
        return new Check(scope, diff, spec.test().holds(diff), tasks, "");
    }

    private static String counts(Map<String, List<RunValue>> side) {
        return side.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size())
                .collect(Collectors.joining(", "));
    }

    /** Usable runs with a finite value, by check scope and then by task. */
    private static Map<String, Map<String, List<RunValue>>> values(List<ConfigStats> stats, Predicate<ConfigKey> select,
                                                                   Measure measure, Grouping g) {
        Map<String, Map<String, List<RunValue>>> out = new TreeMap<>();
        for (ConfigStats s : stats) {
            if (!select.test(s.key())) {
                continue;
            }
            for (RunOutcome o : s.runs()) {
                double v = o.usable() ? measure.value().applyAsDouble(o) : Double.NaN;
                if (Double.isFinite(v)) {
                    out.computeIfAbsent(g.scope(s.key()), x -> new TreeMap<>())
                            .computeIfAbsent(g.task(s.key()), x -> new ArrayList<>()).add(new RunValue(o.run().id(), v));
                }
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return ConfigKey.fmt(v);
    }

    private static String pct(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}
