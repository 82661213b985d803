package sparsedrl.tasks.backend.tornado;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two {@link ProbeResult}s element by element.
 *
 * <p>Tolerance: float32 on two devices sums in different orders (threads, work-groups, the
 * OpenCL compiler's contractions), so exact equality is not expected. An element passes when
 * {@code |got - ref| <= rtol * |ref| + scaleTol * max|ref|} over its array. Values the agent acts
 * on (loss, Q-values, weights, biases, targets) use rtol 1e-4 and scaleTol 1e-5; gradients and
 * Adam moments, which are sums with cancellation, and activation means, each a float sum over
 * thousands of elements (12,800 per channel for the Nature net's first layer at batch 32, where
 * PoCL's order differed from the JVM's by 1.5e-4 relative), use rtol 1e-3 and scaleTol 1e-4.
 * Masks must be equal, and masked weights must be exactly zero.
 */
public final class ProbeComparison {

    /** One compared quantity. */
    public record Line(String what, int count, double maxAbs, double maxRel, int worstIndex, boolean ok) {
        @Override
        public String toString() {
            return String.format("%-24s n=%-8d max|d|=%-11.3e max rel=%-11.3e %s", what, count, maxAbs, maxRel,
                    ok ? "ok" : "MISMATCH (worst at " + worstIndex + ")");
        }
    }

    /** The tolerance rule described on the class. */
    public record Tolerance(double rtol, double scaleTol) {
        public static final Tolerance VALUES = new Tolerance(1e-4, 1e-5);
        public static final Tolerance DERIVED = new Tolerance(1e-3, 1e-4);
        public static final Tolerance EXACT = new Tolerance(0, 0);
    }

    private ProbeComparison() {
    }

    public static List<Line> compare(ProbeResult ref, ProbeResult got) {
        List<Line> out = new ArrayList<>();
        out.add(line("loss", ref.losses(), got.losses(), Tolerance.VALUES));
        out.add(line("qValues", ref.qValues(), got.qValues(), Tolerance.VALUES));
        out.add(line("qValues(1 state)", ref.qValuesSingle(), got.qValuesSingle(), Tolerance.VALUES));
        for (int l = 0; l < ref.activationMeans().length; l++) {
            out.add(line("activationMeans[" + l + "]", ref.activationMeans()[l], got.activationMeans()[l], Tolerance.DERIVED));
        }
        for (Map.Entry<String, float[]> e : ref.arrays().entrySet()) {
            float[] other = got.arrays().get(e.getKey());
            out.add(line(e.getKey(), e.getValue(), other, toleranceFor(e.getKey())));
        }
        boolean stepOk = ref.adamStep() == got.adamStep();
        out.add(new Line("adamStep", 1, Math.abs(ref.adamStep() - got.adamStep()), 0, 0, stepOk));
        return out;
    }

    /** Names of layers where a weight (online or target) is nonzero at a masked position. */
    public static List<String> maskViolations(ProbeResult r) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, float[]> e : r.arrays().entrySet()) {
            if (!e.getKey().endsWith(".mask")) {
                continue;
            }
            String layer = e.getKey().substring(0, e.getKey().length() - ".mask".length());
            float[] mask = e.getValue();
            for (String field : List.of(".weight", ".targetWeight")) {
                float[] w = r.arrays().get(layer + field);
                for (int i = 0; i < mask.length; i++) {
                    if (mask[i] == 0f && w[i] != 0f) {
                        bad.add(layer + field + "[" + i + "]=" + w[i]);
                        break;
                    }
                }
            }
        }
        return bad;
    }

    /** Largest absolute difference over all weights and biases (online), for the comparison table. */
    public static double maxWeightDiff(ProbeResult ref, ProbeResult got) {
        double m = 0;
        for (Map.Entry<String, float[]> e : ref.arrays().entrySet()) {
            if (e.getKey().endsWith(".weight") || e.getKey().endsWith(".bias")) {
                m = Math.max(m, maxAbsDiff(e.getValue(), got.arrays().get(e.getKey())));
            }
        }
        return m;
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    private static Tolerance toleranceFor(String name) {
        if (name.endsWith(".mask")) {
            return Tolerance.EXACT;
        }
        if (name.endsWith("Grad") || name.endsWith("M") || name.endsWith("V")) {
            return Tolerance.DERIVED;
        }
        return Tolerance.VALUES;
    }

    static Line line(String what, float[] ref, float[] got, Tolerance tol) {
        if (got == null || got.length != ref.length) {
            return new Line(what + " (missing or wrong length)", ref.length, Double.NaN, Double.NaN, -1, false);
        }
        double scale = 0;
        for (float v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        double maxAbs = 0;
        double maxRel = 0;
        int worst = -1;
        double worstExcess = Double.NEGATIVE_INFINITY;
        boolean ok = true;
        for (int i = 0; i < ref.length; i++) {
            double d = Math.abs((double) got[i] - ref[i]);
            if (Double.isNaN(d)) {
                d = Double.POSITIVE_INFINITY;
            }
            double allowed = tol.rtol() * Math.abs(ref[i]) + tol.scaleTol() * scale;
            maxAbs = Math.max(maxAbs, d);
            if (ref[i] != 0f) {
                maxRel = Math.max(maxRel, d / Math.abs(ref[i]));
            }
            if (d - allowed > worstExcess) {
                worstExcess = d - allowed;
                worst = i;
            }
            ok &= d <= allowed;
        }
        return new Line(what, ref.length, maxAbs, maxRel, worst, ok);
    }
}
