package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.perturbation.BernoulliPerturbation
import org.ebmworkbench.engine.perturbation.GaussianPerturbation
import org.ebmworkbench.engine.perturbation.NeighbourhoodPerturbation
import org.ebmworkbench.engine.perturbation.Perturbation
import org.ebmworkbench.engine.perturbation.PoolingPerturbation

// The perturbations of energy discrepancy: for each, its factory, its spec and its ComponentType, registered in
// Components. They are arguments of energyDiscrepancy(perturbation, m, w).

/** The perturbation `q(y | x)` of energy discrepancy; [label] names it in the objective's short type (`ed-bernoulli`). */
interface PerturbationSpec : EngineSpec<Perturbation> {
    val label: String
}

/** The Gaussian perturbation of variance [t]; see [GaussianPerturbationSpec]. */
fun gaussianPerturbation(t: Double = GaussianPerturbation.Builder.DEFAULT_T): GaussianPerturbationSpec =
    GaussianPerturbationSpec(t)

/**
 * Continuous ED's perturbation `y = x + √t ξ` (Schröder et al. 2023, arXiv 2307.06431), [t] the VARIANCE.
 * `energyDiscrepancy(gaussianPerturbation(t), m, w)` is the same objective, and the same cell, as `energyDiscrepancy(t, m, w)`.
 */
@Serializable
@SerialName("gaussian")
data class GaussianPerturbationSpec(val t: Double) : PerturbationSpec {
    override val label: String get() = "gaussian"

    override fun build(context: BuildContext) = Type.inDslNames { GaussianPerturbation.builder().optT(t).build() }

    object Type : ComponentType<PerturbationSpec, GaussianPerturbationSpec>(
        Category.PERTURBATION, GaussianPerturbationSpec::class, GaussianPerturbationSpec.serializer(), "gaussianPerturbation",
    ) {
        override val defaultSpec get() = gaussianPerturbation()
        override val engineClasses = listOf(GaussianPerturbation::class.java)
        override fun engineDefault(context: BuildContext) = GaussianPerturbation.builder().build()
        override val entries get() = listOf(
            "gaussianPerturbation(t)" to "Gaussian perturbation y = x + √t ξ of energy discrepancy, t the VARIANCE; " +
                "t = ${defaultSpec.t} (official 2-D setting).",
        )
    }
}

/** Independent bit flips with probability [epsilon]; see [BernoulliPerturbationSpec]. */
fun bernoulliPerturbation(epsilon: Double = BernoulliPerturbation.Builder.DEFAULT_EPSILON): BernoulliPerturbationSpec =
    BernoulliPerturbationSpec(epsilon)

/** ED-Bernoulli (Schröder et al. 2024, arXiv 2412.01019): every bit flipped with probability [epsilon]; binary data. */
@Serializable
@SerialName("bernoulli")
data class BernoulliPerturbationSpec(val epsilon: Double) : PerturbationSpec {
    override val label: String get() = "bernoulli"

    override fun build(context: BuildContext) = Type.inDslNames {
        BernoulliPerturbation.builder().optEpsilon(epsilon).build()
    }

    object Type : ComponentType<PerturbationSpec, BernoulliPerturbationSpec>(
        Category.PERTURBATION, BernoulliPerturbationSpec::class, BernoulliPerturbationSpec.serializer(), "bernoulliPerturbation",
    ) {
        override val defaultSpec get() = bernoulliPerturbation()
        override val engineClasses = listOf(BernoulliPerturbation::class.java)
        override fun engineDefault(context: BuildContext) = BernoulliPerturbation.builder().build()
        override val entries get() = listOf(
            "bernoulliPerturbation(epsilon)" to "ED-Bernoulli: each bit flipped with probability epsilon = " +
                "${defaultSpec.epsilon} (discrete-ED toys; binary images 0.005); binary data only.",
        )
    }
}

/** One uniformly chosen bit flipped; see [GridPerturbationSpec]. */
fun gridPerturbation(): GridPerturbationSpec = GridPerturbationSpec()

/** ED-grid (Schröder et al. 2024, arXiv 2412.01019): the neighbourhood perturbation, one uniformly chosen bit flipped. */
@Serializable
@SerialName("grid")
class GridPerturbationSpec : PerturbationSpec {
    override val label: String get() = "grid"

    override fun build(context: BuildContext) = Type.inDslNames {
        NeighbourhoodPerturbation.builder().build()
    }

    override fun equals(other: Any?) = other is GridPerturbationSpec
    override fun hashCode() = label.hashCode()
    override fun toString() = "GridPerturbationSpec()"

    object Type : ComponentType<PerturbationSpec, GridPerturbationSpec>(
        Category.PERTURBATION, GridPerturbationSpec::class, GridPerturbationSpec.serializer(), "gridPerturbation",
    ) {
        override val defaultSpec get() = gridPerturbation()
        override val engineClasses = listOf(NeighbourhoodPerturbation::class.java)
        override fun engineDefault(context: BuildContext) = NeighbourhoodPerturbation.builder().build()
        override val entries get() = listOf(
            "gridPerturbation()" to "ED-grid: the neighbourhood perturbation, one uniformly chosen bit flipped; binary data only.",
        )
    }
}

/** Random permutations within windows of [window] bits; see [PoolingPerturbationSpec]. */
fun poolingPerturbation(window: Int = PoolingPerturbation.Builder.DEFAULT_WINDOW): PoolingPerturbationSpec =
    PoolingPerturbationSpec(window)

/**
 * ED-pool (Schröder et al. 2024, arXiv 2412.01019): `y` = the sums of `x` over windows of [window] bits, negatives
 * drawn uniformly from the pre-image (random permutations within each window); binary data.
 */
@Serializable
@SerialName("pool")
data class PoolingPerturbationSpec(val window: Int) : PerturbationSpec {
    override val label: String get() = "pool"

    override fun build(context: BuildContext) = Type.inDslNames {
        PoolingPerturbation.builder().optWindow(window).build()
    }

    object Type : ComponentType<PerturbationSpec, PoolingPerturbationSpec>(
        Category.PERTURBATION, PoolingPerturbationSpec::class, PoolingPerturbationSpec.serializer(), "poolingPerturbation",
    ) {
        override val defaultSpec get() = poolingPerturbation()
        override val engineClasses = listOf(PoolingPerturbation::class.java)
        override fun engineDefault(context: BuildContext) = PoolingPerturbation.builder().build()
        override val entries get() = listOf(
            "poolingPerturbation(window)" to "ED-pool: random permutations within windows of window = " +
                "${defaultSpec.window} bits (the 32-bit toys' setting: all bits); binary data only.",
        )
    }
}
