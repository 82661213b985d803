package sparsedrl.tasks.backend.tornado;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.Backends;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/**
 * {@code scripts/compare-backends.sh}: the same network, seed and minibatches on every backend
 * named, N updates each; prints updates/s and the largest absolute difference of Q-values and of
 * weights against the JVM backend. Exit 0 when every backend agrees within {@link ProbeComparison}'s
 * tolerance, 1 otherwise, 2 on bad arguments.
 */
public final class CompareBackends {

    private CompareBackends() {
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("compare-backends: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(o));
    }

    /** What one backend gave on the workload, against the JVM backend's result. */
    public enum Verdict { REFERENCE, OK, MISMATCH, FAILED, NO_REFERENCE }

    /**
     * One backend's row: its update rate (updates 2..N), the largest |dQ| and |dW| against the reference
     * (NaN for the reference itself and for failures), and for a mismatch or failure what went wrong.
     */
    public record Row(String label, String device, double updatesPerSecond, double maxAbsDq, double maxAbsDw,
                      Verdict verdict, List<String> problems) {
        public boolean ok() {
            return verdict == Verdict.REFERENCE || verdict == Verdict.OK;
        }
    }

    private static int run(Options o) {
        NetworkSpec spec = switch (o.net) {
            case "nature" -> NetworkSpec.nature(6, o.padding, o.noBias ? Set.copyOf(NetworkSpec.NATURE_LAYERS) : Set.of());
            default -> NetworkSpec.minatar(4, 6, o.noBias ? Set.copyOf(NetworkSpec.MINATAR_LAYERS) : Set.of());
        };
        ProbeWorkload w = new ProbeWorkload(spec, o.batch, o.seed, o.sparsity, 0.99f);
        System.out.printf("network %s (%s, %s), %d weights, batch %d, sparsity %.2f, %d updates, seed %d%n",
                spec.name(), o.net.equals("nature") ? o.padding.name().toLowerCase() : "valid",
                o.noBias ? "no bias" : "bias", spec.weightCount(), o.batch, o.sparsity, o.updates, o.seed);
        List<Row> rows = compare(w, expand(o.backends), o.updates, o.threads, LossKind.MSE);
        System.out.printf("%-14s %12s %14s %14s  %s%n", "backend", "updates/s", "max|dQ|", "max|dW|", "vs jvm, device");
        for (Row r : rows) {
            String verdict = switch (r.verdict()) {
                case FAILED -> "FAILED: " + String.join("; ", r.problems());
                case NO_REFERENCE -> "not compared";
                default -> r.verdict().name().toLowerCase() + "  " + r.device();
            };
            System.out.printf("%-14s %12s %14s %14s  %s%n", r.label(), format("%.2f", r.updatesPerSecond()),
                    format("%.3e", r.maxAbsDq()), format("%.3e", r.maxAbsDw()), verdict);
        }
        System.out.println("updates/s: updates 2..N (the first includes JIT/kernel compilation). Tolerance: "
                + "rtol 1e-4 + 1e-5*max|ref| on Q-values and weights, 1e-3/1e-4 on gradients and Adam moments.");
        if (rows.stream().noneMatch(r -> r.verdict() == Verdict.REFERENCE)) {
            System.out.println("note: no 'jvm' row, nothing to compare against");
        }
        return rows.stream().allMatch(r -> r.ok() || r.verdict() == Verdict.NO_REFERENCE) ? 0 : 1;
    }

    private static String format(String pattern, double v) {
        return Double.isNaN(v) ? "-" : String.format(pattern, v);
    }

    /**
     * Runs the workload on every backend named ({@code jvm}, or {@code tornado:D:I} for one TornadoVM
     * device), in order; the first {@code jvm} is the reference the later ones are compared with (element
     * by element, {@link ProbeComparison}'s tolerance, and no nonzero weight under a mask). A backend that
     * fails (an exception, or TornadoVM missing from this JVM) gives a {@link Verdict#FAILED} row and the
     * others still run.
     *
     * @param threads JVM backend worker threads
     */
    public static List<Row> compare(ProbeWorkload w, List<String> labels, int updates, int threads, LossKind loss) {
        ProbeResult ref = null;
        List<Row> rows = new ArrayList<>();
        for (String label : labels) {
            ProbeResult r;
            String device;
            try (Backend b = create(label, threads)) {
                device = b.device();
                r = ProbeRunner.run(label, b, w, updates, loss);
            } catch (RuntimeException | LinkageError e) {
                rows.add(new Row(label, "-", Double.NaN, Double.NaN, Double.NaN, Verdict.FAILED,
                        List.of(e.getMessage() != null ? e.getMessage() : e.toString())));
                continue;
            }
            if (ref == null && label.equals("jvm")) {
                ref = r;
                rows.add(new Row(label, device, r.updatesPerSecond(), Double.NaN, Double.NaN, Verdict.REFERENCE, List.of()));
                continue;
            }
            if (ref == null) {
                rows.add(new Row(label, device, r.updatesPerSecond(), Double.NaN, Double.NaN, Verdict.NO_REFERENCE, List.of()));
                continue;
            }
            List<String> problems = new ArrayList<>();
            for (ProbeComparison.Line line : ProbeComparison.compare(ref, r)) {
                if (!line.ok()) {
                    problems.add(line.toString().strip());
                }
            }
            for (String v : ProbeComparison.maskViolations(r)) {
                problems.add("nonzero weight under the mask: " + v);
            }
            rows.add(new Row(label, device, r.updatesPerSecond(), ProbeComparison.maxAbsDiff(ref.qValues(), r.qValues()),
                    ProbeComparison.maxWeightDiff(ref, r), problems.isEmpty() ? Verdict.OK : Verdict.MISMATCH,
                    List.copyOf(problems)));
        }
        return rows;
    }

    /** "tornado" alone means every TornadoVM device; "tornado:D:I" one device. */
    public static List<String> expand(List<String> backends) {
        List<String> out = new ArrayList<>();
        for (String b : backends) {
            if (b.equals("tornado")) {
                for (DeviceId id : TornadoBackend.availableDevices()) {
                    out.add("tornado:" + id);
                }
            } else {
                out.add(b);
            }
        }
        return out;
    }

    private static Backend create(String label, int threads) {
        if (label.startsWith("tornado:")) {
            return new TornadoBackend(label.substring("tornado:".length()));
        }
        return Backends.create(label, threads);
    }

    private static final class Options {
        String net = "minatar";
        Padding padding = Padding.SAME;
        boolean noBias;
        int updates = 20;
        int batch = 32;
        long seed = 1;
        double sparsity = 0.5;
        int threads = Runtime.getRuntime().availableProcessors();
        List<String> backends = List.of("jvm", "tornado");

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-bias")) {
                    o.noBias = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                try {
                    switch (a) {
                        case "--net" -> o.net = oneOf(v, "minatar", "nature");
                        case "--padding" -> o.padding = Padding.valueOf(oneOf(v, "same", "valid").toUpperCase());
                        case "--updates" -> o.updates = positive(a, Integer.parseInt(v));
                        case "--batch" -> o.batch = positive(a, Integer.parseInt(v));
                        case "--seed" -> o.seed = Long.parseLong(v);
                        case "--threads" -> o.threads = positive(a, Integer.parseInt(v));
                        case "--sparsity" -> o.sparsity = Double.parseDouble(v);
                        case "--backends" -> o.backends = List.of(v.split(","));
                        default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(a + " needs a number, got '" + v + "'");
                }
            }
            if (o.sparsity < 0 || o.sparsity >= 1) {
                throw new IllegalArgumentException("--sparsity must be in [0, 1), got " + o.sparsity);
            }
            if (o.updates < 2) {
                throw new IllegalArgumentException("--updates must be at least 2 (the first one is not timed)");
            }
            return o;
        }

        private static String oneOf(String v, String... allowed) {
            for (String s : allowed) {
                if (s.equals(v)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("'" + v + "' is not one of " + String.join(", ", allowed));
        }

        private static int positive(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + v);
            }
            return v;
        }
    }
}
