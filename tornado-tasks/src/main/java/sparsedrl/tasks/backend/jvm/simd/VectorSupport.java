package sparsedrl.tasks.backend.jvm.simd;

/**
 * Whether the Vector API paths may run: the incubator module {@code jdk.incubator.vector} must be in
 * the boot layer (java {@code --add-modules=jdk.incubator.vector}), and the system property
 * {@code sparsedrl.simd} must not be {@code false}. This class itself touches no Vector API type, so
 * it loads without the module; the classes that do are only loaded after it said yes.
 */
public final class VectorSupport {
    /** Name of the system property that turns the Vector API paths off ({@code -Dsparsedrl.simd=false}). */
    public static final String PROPERTY = "sparsedrl.simd";

    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));

    private VectorSupport() {
    }

    public static boolean available() {
        return AVAILABLE;
    }
}
