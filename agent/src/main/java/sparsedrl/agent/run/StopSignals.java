package sparsedrl.agent.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT (Slurm pre-emption and {@code scancel}, {@code kill}, Ctrl-C), and
 * SIGUSR1 where asked (Slurm's warning before a time limit), into a stop request that the work
 * answers at its next safe point, instead of the JVM's immediate exit. A second SIGINT (Ctrl-C
 * pressed again) exits at once without waiting. The previous handlers come back on close.
 *
 * <p>The standard library has no signal API besides shutdown hooks, which cannot delay the exit
 * while a checkpoint is written; {@code sun.misc.Signal} (module jdk.unsupported) is the supported
 * way for applications to handle signals.
 */
public final class StopSignals implements StopRequest, AutoCloseable {
    /** Exit status of a process killed by a second SIGINT, as a shell reports it (128 + 2). */
    private static final int SECOND_INTERRUPT_STATUS = 130;

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final PrintStream log;
    private final Consumer<String> onFirst;
    private volatile String received;

    private StopSignals(PrintStream log, Consumer<String> onFirst) {
        this.log = log;
        this.onFirst = onFirst;
    }

    /**
     * @param onFirst called once, from the signal's thread, with the name of the first signal (e.g.
     *                "SIGTERM"); the stop request is already visible when it runs
     * @param names   signals to handle, e.g. "TERM", "INT", "USR1"
     */
    public static StopSignals install(PrintStream log, Consumer<String> onFirst, String... names) {
        StopSignals s = new StopSignals(log, onFirst);
        for (String n : names) {
            Signal sig = new Signal(n);
            s.previous.put(sig, Signal.handle(sig, s::handle));
        }
        return s;
    }

    /** SIGTERM and SIGINT, with nothing to do but set the request (a training run polls it). */
    public static StopSignals forTraining(PrintStream log) {
        return install(log, name -> { }, "TERM", "INT");
    }

    private void handle(Signal sig) {
        String name = "SIG" + sig.getName();
        synchronized (this) {
            if (received == null) {
                received = name;
                log.println("sparsedrl: " + name + " received: stopping after the current step, with a checkpoint");
                log.flush();
                onFirst.accept(name);
                return;
            }
        }
        if (sig.getName().equals("INT")) {
            log.println("sparsedrl: second SIGINT: exiting now, without waiting for the checkpoint");
            log.flush();
            Runtime.getRuntime().halt(SECOND_INTERRUPT_STATUS);
        }
        log.println("sparsedrl: " + name + " received while already stopping (" + received + "); still stopping");
    }

    @Override
    public String stopSignal() {
        return received;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
