package sparsedrl.tasks.backend;

/**
 * The mask density below which a backend runs a layer over its active weights only (both backends
 * decide per layer, each time the masks may have changed). Above it the dense kernels are faster:
 * the index lists and scattered reads cost more than the multiplications by zero they save.
 */
public final class SparseThreshold {
    /** Default threshold; the system property {@value #PROPERTY} overrides it (0 = always dense). */
    public static final double DEFAULT = 0.3;
    public static final String PROPERTY = "sparsedrl.sparseThreshold";

    private SparseThreshold() {
    }

    /** The threshold of the system property {@value #PROPERTY}, else {@link #DEFAULT}. */
    public static double configured() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT;
        }
        double t;
        try {
            t = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a number, got '" + v + "'", e);
        }
        return require(t);
    }

    /** {@code t} when it is a valid threshold (>= 0; 0 = always dense, above 1 = always sparse). */
    public static double require(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("sparse threshold must be >= 0, got " + t);
        }
        return t;
    }
}
