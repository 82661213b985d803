package sparsedrl.analysis.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import sparsedrl.analysis.runs.ConfigKey;
import sparsedrl.analysis.runs.HumanScores;
import sparsedrl.analysis.runs.RunOutcome;
import sparsedrl.analysis.stats.StratifiedBootstrap;

/**
 * Judges the paper's four findings (SPEC.md §1). Returns are compared per task (a game, or a
 * game × sparsity pair) after normalisation, so that games of different scales pool: the
 * human-normalised score where the game has reference scores, otherwise the score rescaled to
 * [0, 1] by the lowest and highest final return of that game in the sweep. Dormant fractions are
 * compared as they are. Each contrast is IQM(A) − IQM(B) with a stratified bootstrap 95% interval,
 * over the tasks where both groups have at least {@link #MIN_RUNS_PER_TASK} usable runs.
 * Only configurations without extra flag axes take part. "RigL" is RigL starting at 20% unless
 * stated; pruning is prune with the default or 20% start.
 */
public final class FindingsJudge {

    private static final double HIGH_SPARSITY = 0.9;
    /**
     * Fewest runs per group in a task for it to take part: with two runs a percentile bootstrap has
     * four possible resamples and its interval is far too narrow to decide anything.
     */
    public static final int MIN_RUNS_PER_TASK = 3;

    private final int replicates;
    private final long seed;
    private int contrastCounter;

    public FindingsJudge(int replicates, long seed) {
        this.replicates = replicates;
        this.seed = seed;
    }

    private static final Predicate<ConfigKey> PRUNE = k -> k.method().equals("prune")
            && (k.sparseStart() == null || k.sparseStart() == 0.2);
    /** RigL from 20%; a sweep that did not set the start gets train's default, which is 20%. */
    private static final Predicate<ConfigKey> RIGL20 = k -> k.method().equals("rigl")
            && (k.sparseStart() == null || k.sparseStart() == 0.2);
    private static final Predicate<ConfigKey> RIGL0 = k -> k.isMethod("rigl", 0.0);

    public List<Finding> judge(List<ConfigStats> stats) {
        List<ConfigStats> plain = stats.stream().filter(s -> s.key().extra().isEmpty()).toList();
        Map<String, double[]> ranges = gameRanges(plain);
        ToDoubleFunction<RunOutcome> norm = o -> normalise(o, ranges);
        ToDoubleFunction<RunOutcome> dormant = RunOutcome::finalDormant;
        contrastCounter = 0;
        List<Finding> out = new ArrayList<>();

        // (a) at the lowest sparsity where both exist: prune beats RigL@0; RigL@20% closes the gap.
        Double low = lowestCommonSparsity(plain, PRUNE, RIGL0);
        if (low == null) {
            out.add(untestable("a", statementA(), "needs prune and rigl@0 (bias on) at a common sparsity"));
        } else {
            Predicate<ConfigKey> atLow = k -> k.sparsity() == low && k.bias();
            out.add(decide("a", statementA(), List.of(
                    contrast("prune − rigl@0 at s=" + low, plain, PRUNE.and(atLow), RIGL0.and(atLow), norm, Finding.Expect.POSITIVE),
                    contrast("rigl@0.2 − rigl@0 at s=" + low, plain, RIGL20.and(atLow), RIGL0.and(atLow), norm, Finding.Expect.POSITIVE),
                    contrast("rigl@0.2 − prune at s=" + low, plain, RIGL20.and(atLow), PRUNE.and(atLow), norm, Finding.Expect.NOT_NEGATIVE))));
        }

        Predicate<ConfigKey> high = k -> k.sparsity() > HIGH_SPARSITY;
        Predicate<ConfigKey> withBias = ConfigKey::bias;
        Predicate<ConfigKey> noBias = k -> !k.bias();
        out.add(decide("b", "Above 90% sparsity RigL under-performs pruning (Fig. 1).", List.of(
                contrast("prune − rigl@0.2, bias, s>0.9", plain, PRUNE.and(high).and(withBias),
                        RIGL20.and(high).and(withBias), norm, Finding.Expect.POSITIVE))));
        out.add(decide("c", "Removing biases helps RigL and hurts pruning at high sparsity (Fig. 1 dashed).", List.of(
                contrast("rigl@0.2 no-bias − bias, s>0.9", plain, RIGL20.and(high).and(noBias),
                        RIGL20.and(high).and(withBias), norm, Finding.Expect.POSITIVE),
                contrast("prune no-bias − bias, s>0.9", plain, PRUNE.and(high).and(noBias),
                        PRUNE.and(high).and(withBias), norm, Finding.Expect.NEGATIVE))));
        out.add(decide("d", "RigL at high sparsity has many dormant neurons, fewer without bias; pruning the "
                + "opposite (Fig. 2; dormant fraction at tau = 0.025, final 10%).", List.of(
                contrast("dormant: rigl@0.2 − prune, bias, s>0.9", plain, RIGL20.and(high).and(withBias),
                        PRUNE.and(high).and(withBias), dormant, Finding.Expect.POSITIVE),
                contrast("dormant: rigl@0.2 no-bias − bias, s>0.9", plain, RIGL20.and(high).and(noBias),
                        RIGL20.and(high).and(withBias), dormant, Finding.Expect.NEGATIVE),
                contrast("dormant: prune no-bias − bias, s>0.9", plain, PRUNE.and(high).and(noBias),
                        PRUNE.and(high).and(withBias), dormant, Finding.Expect.POSITIVE))));
        return out;
    }

    private static String statementA() {
        return "RigL starting at step 0 loses to pruning at low sparsity; starting at 20% closes that gap (Fig. 3).";
    }

    private static Finding untestable(String id, String statement, String why) {
        return new Finding(id, statement, Finding.Verdict.NOT_TESTABLE, List.of(), why);
    }

    private static Finding decide(String id, String statement, List<Finding.Contrast> contrasts) {
        List<String> missing = contrasts.stream().filter(c -> c.tasks() == 0).map(Finding.Contrast::description).toList();
        if (!missing.isEmpty()) {
            return new Finding(id, statement, Finding.Verdict.NOT_TESTABLE, contrasts,
                    "no task (game x sparsity) with at least " + MIN_RUNS_PER_TASK
                            + " usable runs on both sides for: " + String.join("; ", missing));
        }
        boolean all = contrasts.stream().allMatch(Finding.Contrast::holds);
        return new Finding(id, statement, all ? Finding.Verdict.SUPPORTED : Finding.Verdict.NOT_SUPPORTED, contrasts,
                all ? "every interval lies on the expected side" : "at least one interval does not lie on the expected side");
    }

    /** Tasks are (game, sparsity) pairs where both groups have usable values. */
    private Finding.Contrast contrast(String description, List<ConfigStats> stats, Predicate<ConfigKey> a,
                                      Predicate<ConfigKey> b, ToDoubleFunction<RunOutcome> value,
                                      Finding.Expect expect) {
        Map<String, double[]> ta = taskValues(stats, a, value);
        Map<String, double[]> tb = taskValues(stats, b, value);
        List<double[]> ga = new ArrayList<>();
        List<double[]> gb = new ArrayList<>();
        for (String task : new TreeSet<>(ta.keySet())) {
            if (tb.containsKey(task) && ta.get(task).length >= MIN_RUNS_PER_TASK
                    && tb.get(task).length >= MIN_RUNS_PER_TASK) {
                ga.add(ta.get(task));
                gb.add(tb.get(task));
            }
        }
        long contrastSeed = seed * 7919L + (contrastCounter++);
        var diff = ga.isEmpty() ? sparsedrl.analysis.stats.Interval.pointOnly(Double.NaN)
                : new StratifiedBootstrap(replicates, contrastSeed).iqmDifference(ga, gb);
        return new Finding.Contrast(description, diff, expect, ga.size(),
                ga.stream().mapToInt(x -> x.length).sum(), gb.stream().mapToInt(x -> x.length).sum());
    }

    private static Map<String, double[]> taskValues(List<ConfigStats> stats, Predicate<ConfigKey> sel,
                                                    ToDoubleFunction<RunOutcome> value) {
        Map<String, List<Double>> tasks = new HashMap<>();
        for (ConfigStats s : stats) {
            if (!sel.test(s.key())) {
                continue;
            }
            String task = s.key().env() + "@" + s.key().sparsity();
            for (RunOutcome o : s.runs()) {
                double v = o.usable() ? value.applyAsDouble(o) : Double.NaN;
                if (Double.isFinite(v)) {
                    tasks.computeIfAbsent(task, t -> new ArrayList<>()).add(v);
                }
            }
        }
        Map<String, double[]> out = new HashMap<>();
        tasks.forEach((t, v) -> out.put(t, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    private static Double lowestCommonSparsity(List<ConfigStats> stats, Predicate<ConfigKey> a, Predicate<ConfigKey> b) {
        TreeSet<Double> sa = sparsities(stats, a);
        sa.retainAll(sparsities(stats, b));
        return sa.isEmpty() ? null : sa.first();
    }

    private static TreeSet<Double> sparsities(List<ConfigStats> stats, Predicate<ConfigKey> sel) {
        TreeSet<Double> s = new TreeSet<>();
        for (ConfigStats c : stats) {
            if (sel.test(c.key()) && c.key().bias() && c.usableCount() > 0) {
                s.add(c.key().sparsity());
            }
        }
        return s;
    }

    /** Lowest and highest usable final return of each game (for games without human scores). */
    private static Map<String, double[]> gameRanges(List<ConfigStats> stats) {
        Map<String, double[]> r = new HashMap<>();
        for (ConfigStats s : stats) {
            for (double v : s.scores()) {
                double[] mm = r.computeIfAbsent(s.key().env(), e -> new double[] {v, v});
                mm[0] = Math.min(mm[0], v);
                mm[1] = Math.max(mm[1], v);
            }
        }
        return r;
    }

    static double normalise(RunOutcome o, Map<String, double[]> ranges) {
        String env = o.run().env();
        var hns = HumanScores.normalise(env, o.finalReturn());
        if (hns.isPresent()) {
            return hns.getAsDouble();
        }
        double[] mm = Objects.requireNonNull(ranges.get(env), env);
        return mm[1] > mm[0] ? (o.finalReturn() - mm[0]) / (mm[1] - mm[0]) : 0.0;
    }
}
