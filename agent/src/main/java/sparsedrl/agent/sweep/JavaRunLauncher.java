package sparsedrl.agent.sweep;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sparsedrl.analysis.runs.RunEntry;

/**
 * Runs {@code sparsedrl train|resume} in a new JVM of the same Java, from the same jar (or class
 * path) as this process. JVM options come from {@code SPARSEDRL_JAVA_OPTS} as in the launcher.
 */
public final class JavaRunLauncher implements RunLauncher {

    private static final String MAIN = "sparsedrl.cli.SparseDrl";

    private final List<String> prefix;

    public JavaRunLauncher(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /** java + options + class path of the running application. */
    public static JavaRunLauncher ofThisApplication() {
        List<String> p = new ArrayList<>();
        p.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // the JVM backend's fast kernels (Vector API) as in this JVM
            p.add("--add-modules=jdk.incubator.vector");
        }
        String opts = System.getenv("SPARSEDRL_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            p.addAll(List.of(opts.trim().split("\\s+")));
        }
        p.add("-cp");
        p.add(applicationClassPath());
        p.add(MAIN);
        return new JavaRunLauncher(p);
    }

    /** The jar holding the CLI when run from the shaded jar, else this JVM's class path (tests, IDE). */
    public static String applicationClassPath() {
        try {
            Class<?> cli = Class.forName(MAIN);
            var src = cli.getProtectionDomain().getCodeSource();
            if (src != null) {
                Path p = Path.of(src.getLocation().toURI());
                if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                    return p.toString();
                }
            }
        } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
            // fall through to the class path
        }
        return System.getProperty("java.class.path");
    }

    /** The fixed part of every command: java, options, class path, main class. */
    public List<String> prefix() {
        return prefix;
    }

    @Override
    public List<String> command(RunEntry run, Path runDir, Path configFile, RunState state) {
        List<String> cmd = new ArrayList<>(prefix);
        if (state == RunState.RESUMABLE) {
            cmd.add("resume");
            cmd.add(runDir.toString());
            return cmd;
        }
        cmd.add("train");
        cmd.addAll(run.trainArgs());
        if (configFile != null) {
            cmd.add("--config");
            cmd.add(configFile.toString());
        }
        cmd.add("--out");
        cmd.add(runDir.toString());
        cmd.add("--force");
        return cmd;
    }
}
