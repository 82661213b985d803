package sparsedrl.sparsity;

import java.util.Locale;
import sparsedrl.tasks.net.NetworkSpec;

/** How a global target sparsity is spread over the weight kernels (SPEC.md section 5). */
public enum Distribution {
    /** Erdos-Renyi-Kernel: density proportional to (sum of dims)/(product of dims); the default. */
    ERK("erk"),
    /** Every kernel at the target sparsity. */
    UNIFORM("uniform");

    private final String cliName;

    Distribution(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Per-layer densities, in {@code spec.layers()} order, for the global target {@code sparsity}. */
    public double[] densities(NetworkSpec spec, double sparsity) {
        return switch (this) {
            case ERK -> SparsityDistributions.erk(spec.layers(), sparsity);
            case UNIFORM -> SparsityDistributions.uniform(spec.layers(), sparsity);
        };
    }

    /** Parses a command-line name (case-insensitive); IllegalArgumentException listing the choices. */
    public static Distribution parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Distribution d : values()) {
            if (d.cliName.equals(t)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown sparsity distribution '" + text + "'; choose erk or uniform");
    }
}
