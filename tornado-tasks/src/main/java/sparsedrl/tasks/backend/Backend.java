package sparsedrl.tasks.backend;

import sparsedrl.tasks.net.NetworkSpec;

/** Where Q-networks run: the JVM (default) or a TornadoVM device. */
public interface Backend extends AutoCloseable {

    /** "jvm" or "tornado". */
    String name();

    /** Human-readable device description for logs and metrics. */
    String device();

    QNetwork create(NetworkSpec spec, int batchSize, AdamConfig adam, LossKind loss);

    @Override
    void close();
}
