package sparsedrl.tasks.backend;

/** TD loss: mean squared error (Dopamine JAX default) or Huber with delta 1. */
public enum LossKind {
    MSE,
    HUBER
}
