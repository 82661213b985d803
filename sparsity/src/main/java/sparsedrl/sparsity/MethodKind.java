package sparsedrl.sparsity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The sparse-training methods, by their command-line names. */
public enum MethodKind {
    /** No masks at all. */
    DENSE("dense"),
    /** Gradual magnitude pruning (Zhu and Gupta): dense to sparse on a cubic schedule. */
    PRUNE("prune"),
    /** RigL (Evci et al.): drop by |w|, grow by |dense gradient|. */
    RIGL("rigl"),
    /** SET (Mocanu et al.): drop by |w|, grow at random. */
    SET("set"),
    /** Random sparse mask at initialisation, never changed. */
    STATIC("static");

    private final String cliName;

    MethodKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line, in configs and in metrics. */
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name (case-insensitive); IllegalArgumentException listing the choices. */
    public static MethodKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (MethodKind k : values()) {
            if (k.cliName.equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown sparsity method '" + text + "'; choose one of "
                + Arrays.stream(values()).map(MethodKind::cliName).collect(Collectors.joining(", ")));
    }
}
