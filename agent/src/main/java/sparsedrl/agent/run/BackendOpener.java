package sparsedrl.agent.run;

import sparsedrl.agent.config.RunConfig;
import sparsedrl.tasks.backend.Backend;
import sparsedrl.tasks.backend.Backends;

/** Opens the backend a run asks for (--backend, --device, --threads). */
public final class BackendOpener {
    private BackendOpener() {
    }

    public static Backend open(RunConfig cfg) {
        int threads = cfg.threads() > 0 ? cfg.threads() : Backends.defaultThreads();
        return Backends.create(cfg.backend(), threads, "tornado".equals(cfg.backend()) ? cfg.device() : null);
    }
}
