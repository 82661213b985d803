package sparsedrl.agent.run;

import java.util.function.UnaryOperator;
import java.util.LinkedHashSet;
import java.util.Set;
import sparsedrl.agent.config.Presets;
import sparsedrl.agent.config.RunConfig;
import sparsedrl.agent.dqn.DqnSettings;
import sparsedrl.agent.dqn.EpsilonSchedule;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;
import sparsedrl.agent.env.Environments;
import sparsedrl.sparsity.Distribution;
import sparsedrl.sparsity.MethodKind;
import sparsedrl.sparsity.SparsityConfig;
import sparsedrl.tasks.backend.AdamConfig;
import sparsedrl.tasks.backend.LossKind;
import sparsedrl.tasks.net.NetworkSpec;
import sparsedrl.tasks.net.Padding;

/** Translates a {@link RunConfig} into the settings objects of the network, agent and sparsity method. */
public final class RunComponents {
    private RunComponents() {
    }

    public static NetworkSpec network(RunConfig c, Environment.ObservationShape shape, int actions) {
        boolean atari = c.env().startsWith(Presets.ATARI_PREFIX);
        Set<String> noBias = new LinkedHashSet<>(c.noBiasLayers());
        if (c.noBias()) {
            noBias.addAll(atari ? NetworkSpec.NATURE_LAYERS : NetworkSpec.MINATAR_LAYERS);
        }
        NetworkSpec spec = atari
                ? NetworkSpec.nature(actions, Padding.valueOf(c.padding().toUpperCase(java.util.Locale.ROOT)), noBias)
                : NetworkSpec.minatar(shape.channels(), actions, noBias);
        if (spec.inputSize() != shape.size()) {
            throw new IllegalStateException("environment " + c.env() + " observes " + shape + " but the "
                    + spec.name() + " network expects " + spec.inH() + "x" + spec.inW() + "x" + spec.inC());
        }
        return spec;
    }

    /** The run's environments: the family defaults, with the sticky-action probability if the config sets one. */
    public static ExperimentRunner.EnvFactory environments(RunConfig c) {
        return environments(c, UnaryOperator.identity());
    }

    /** As {@link #environments(RunConfig)}, with machine-local options (ROM folder, ALE logging) applied. */
    public static ExperimentRunner.EnvFactory environments(RunConfig c, UnaryOperator<EnvConfig> local) {
        EnvConfig env = local.apply(EnvConfig.defaults()
                .withStickyActionProbability(c.stickyActions() < 0 ? null : c.stickyActions()));
        return id -> Environments.create(id, env);
    }

    public static AdamConfig adam(RunConfig c) {
        return new AdamConfig((float) c.learningRate(), (float) c.adamBeta1(), (float) c.adamBeta2(),
                (float) c.adamEpsilon());
    }

    public static LossKind loss(RunConfig c) {
        return LossKind.valueOf(c.loss().toUpperCase(java.util.Locale.ROOT));
    }

    public static DqnSettings dqn(RunConfig c) {
        return new DqnSettings((float) c.gamma(), c.minReplay(), c.updatePeriod(), c.targetUpdatePeriod(),
                new EpsilonSchedule(c.epsilonWarmup(), c.epsilonDecay(), c.epsilonStart(), c.epsilonEnd()),
                c.epsilonEval(), c.rewardClip());
    }

    public static SparsityConfig sparsity(RunConfig c) {
        MethodKind m = MethodKind.parse(c.method());
        // dense ignores the target; SparsityConfig still wants a value in [0, 1)
        return new SparsityConfig(m, c.sparsity(), Distribution.parse(c.distribution()), c.sparseStart(),
                c.sparseEnd(), c.maskUpdateEvery(), c.topologyUpdateEvery(), c.dropFraction());
    }
}
