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

    private static int run(Options o) {
        NetworkSpec spec = switch (o.net) {
            case "nature" -> NetworkSpec.nature(6, o.padding, o.noBias ? Set.copyOf(NetworkSpec.NATURE_LAYERS) : Set.of());
            default -> NetworkSpec.minatar(4, 6, o.noBias ? Set.copyOf(NetworkSpec.MINATAR_LAYERS) : Set.of());
        };
        ProbeWorkload w = new ProbeWorkload(spec, o.batch, o.seed, o.sparsity, 0.99f);
        System.out.printf("network %s (%s, %s), %d weights, batch %d, sparsity %.2f, %d updates, seed %d%n",
                spec.name(), o.net.equals("nature") ? o.padding.name().toLowerCase() : "valid",
                o.noBias ? "no bias" : "bias", spec.weightCount(), o.batch, o.sparsity, o.updates, o.seed);
        List<String> labels = expand(o.backends);
        ProbeResult ref = null;
        List<String[]> rows = new ArrayList<>();
        boolean allOk = true;
        for (String label : labels) {
            ProbeResult r;
            String device;
            try (Backend b = create(label, o.threads)) {
                device = b.device();
                r = ProbeRunner.run(label, b, w, o.updates, LossKind.MSE);
            } catch (RuntimeException e) {
                rows.add(new String[] {label, "-", "-", "-", "FAILED: " + e.getMessage()});
                allOk = false;
                continue;
            }
            if (ref == null && label.equals("jvm")) {
                ref = r;
            }
            String dq = "-";
            String dw = "-";
            String verdict = "reference";
            if (ref != null && r != ref) {
                dq = String.format("%.3e", ProbeComparison.maxAbsDiff(ref.qValues(), r.qValues()));
                dw = String.format("%.3e", ProbeComparison.maxWeightDiff(ref, r));
                boolean ok = ProbeComparison.compare(ref, r).stream().allMatch(ProbeComparison.Line::ok)
                        && ProbeComparison.maskViolations(r).isEmpty();
                verdict = ok ? "ok" : "MISMATCH";
                allOk &= ok;
            }
            rows.add(new String[] {label, String.format("%.2f", r.updatesPerSecond()), dq, dw, verdict + "  " + device});
        }
        System.out.printf("%-14s %12s %14s %14s  %s%n", "backend", "updates/s", "max|dQ|", "max|dW|", "vs jvm, device");
        for (String[] row : rows) {
            System.out.printf("%-14s %12s %14s %14s  %s%n", (Object[]) row);
        }
        System.out.println("updates/s: updates 2..N (the first includes JIT/kernel compilation). Tolerance: "
                + "rtol 1e-4 + 1e-5*max|ref| on Q-values and weights, 1e-3/1e-4 on gradients and Adam moments.");
        if (ref == null) {
            System.out.println("note: no 'jvm' row, nothing to compare against");
        }
        return allOk ? 0 : 1;
    }

    /** "tornado" alone means every TornadoVM device; "tornado:D:I" one device. */
    private static List<String> expand(List<String> backends) {
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
