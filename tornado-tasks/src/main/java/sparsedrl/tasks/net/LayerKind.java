package sparsedrl.tasks.net;

/** The two parameterised layer types of a Q-network. */
public enum LayerKind {
    CONV,
    DENSE
}
