package sparsedrl.sparsity;

import sparsedrl.tasks.backend.QNetwork;

/**
 * A sparse-training method (dense, prune, rigl, set, static) as the agent sees it: called once at
 * initialisation and after every gradient update. Modelled on JaxPruner's updater split: the
 * optimizer knows nothing about masks except that masked weights stay zero.
 *
 * <p>Update counter convention: {@code t} is the number of gradient updates completed before the
 * current one (0 for the first update), the t of SPEC.md section 5.
 */
public interface SparsityMethod {

    /** Short name used in configs and metrics: dense, prune, rigl, set, static. */
    String name();

    /** Sets the initial masks (if any) on a freshly initialised network and pushes them. */
    void initialize(QNetwork net);

    /** True when update {@code t} must keep the dense weight gradient (RigL/SET grow steps). */
    boolean needsDenseGradient(long t);

    /** Called after update {@code t} completed; may change masks (and must push what it changes). */
    void afterUpdate(QNetwork net, long t);

    /** Random-stream state and anything else needed to resume bit-identically. */
    byte[] saveState();

    void restoreState(byte[] state);
}
