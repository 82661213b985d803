package sparsedrl.tasks.backend;

/** Adam hyper-parameters; epsilon is added outside the square root (Optax/Dopamine). */
public record AdamConfig(float learningRate, float beta1, float beta2, float epsilon) {
    /** Dopamine JAX DQN defaults. */
    public static final AdamConfig DOPAMINE = new AdamConfig(6.25e-5f, 0.9f, 0.999f, 1.5e-4f);
}
