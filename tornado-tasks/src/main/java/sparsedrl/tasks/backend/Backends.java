package sparsedrl.tasks.backend;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import sparsedrl.tasks.backend.jvm.JvmBackend;

/**
 * Creates a backend by name. The TornadoVM backend is loaded by class name so that the JVM path
 * never touches TornadoVM classes (they exist only when run through TornadoVM's launcher).
 */
public final class Backends {
    /** Backend names accepted by {@link #create}. */
    public static final List<String> NAMES = List.of("jvm", "tornado");

    /**
     * The TornadoVM backend class; it must have a public constructor taking the device
     * ({@code "D:I"} driver:device, or null for the default device).
     */
    static final String TORNADO_CLASS = "sparsedrl.tasks.backend.tornado.TornadoBackend";

    private Backends() {
    }

    /** Threads the JVM backend uses by default: every available processor. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A backend on its default device. */
    public static Backend create(String name, int threads) {
        return create(name, threads, null);
    }

    /**
     * @param name    "jvm" or "tornado"
     * @param threads JVM worker threads (at least 1); ignored by tornado
     * @param device  TornadoVM device "D:I" or null for its default; must be null for jvm
     * @throws IllegalArgumentException for an unknown name, a bad thread count or a device given to jvm
     * @throws IllegalStateException    when the tornado backend cannot be loaded in this JVM
     */
    public static Backend create(String name, int threads, String device) {
        return switch (name) {
            case "jvm" -> {
                if (threads < 1) {
                    throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
                }
                if (device != null) {
                    throw new IllegalArgumentException("--device applies to the tornado backend only");
                }
                yield new JvmBackend(threads);
            }
            case "tornado" -> createTornado(device);
            default -> throw new IllegalArgumentException("unknown backend '" + name + "' (choose one of " + NAMES + ")");
        };
    }

    private static Backend createTornado(String device) {
        Class<?> type;
        try {
            type = Class.forName(TORNADO_CLASS);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("the tornado backend is not available in this build (" + TORNADO_CLASS
                    + " not found)");
        }
        try {
            return (Backend) type.getConstructor(String.class).newInstance(device);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("the tornado backend failed to start: " + describe(cause), cause);
        } catch (LinkageError e) {
            throw new IllegalStateException("the tornado backend needs the TornadoVM runtime: run it through the"
                    + " sparsedrl launcher with TORNADOVM_HOME set (" + describe(e) + ")", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the tornado backend cannot be created: " + describe(e), e);
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
