/**
 * Sparse training for the DQN agent (SPEC.md sections 5 and 6), JaxPruner-style: one
 * {@link sparsedrl.sparsity.SparsityMethod} interface, one small class per method, pure distributions
 * and schedules.
 *
 * <ul>
 *   <li>{@link sparsedrl.sparsity.SparsityConfig}: the options (--method, --sparsity, --distribution,
 *       --sparse-start, --sparse-end, --mask-update-every, --topology-update-every, --drop-fraction),
 *       validated; {@link sparsedrl.sparsity.SparsityMethods#create} builds the method.</li>
 *   <li>Methods: {@link sparsedrl.sparsity.Dense}, {@link sparsedrl.sparsity.GradualMagnitudePruning},
 *       {@link sparsedrl.sparsity.RigL} and {@link sparsedrl.sparsity.SparseEvolutionaryTraining} (both
 *       on {@link sparsedrl.sparsity.DynamicSparseTraining}), {@link sparsedrl.sparsity.StaticSparse}.
 *       All mask selection goes through {@link sparsedrl.sparsity.TopK} (ties to the lower index);
 *       masks are applied on the backend with {@code QNetwork.applyMasks()}.</li>
 *   <li>Pure functions: {@link sparsedrl.sparsity.SparsityDistributions} (ERK, uniform),
 *       {@link sparsedrl.sparsity.SparsitySchedules} (cubic sparsity, cosine drop fraction).</li>
 *   <li>Metrics: {@link sparsedrl.sparsity.SparsityMetrics} ({@code sparsity}, {@code sparsity_<layer>})
 *       and {@link sparsedrl.sparsity.DormantNeurons} ({@code dormant_<tau>},
 *       {@code dormant_<tau>_<layer>}), measured with {@code QNetwork.unitActivationMeans}.</li>
 * </ul>
 */
package sparsedrl.sparsity;
