package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.check.Require
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.proposal.FullGaussianProposal
import org.ebmworkbench.engine.proposal.GaussianMixtureProposal
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.proposal.UniformBoxProposal

// The proposals of the DSL: for each, its factory, its spec and its ComponentType, registered in Components.

/**
 * The proposal (noise) density `q`: importance samples for SNL and log-IS, noise for NCE. The "fitted"
 * variants are estimated from each cell's training data, so one script works for every dataset.
 */
interface ProposalSpec : EngineSpec<Proposal>

/** Covariance structure of a fitted Gaussian proposal. */
@Serializable
enum class Covariance {
    @SerialName("diagonal") DIAGONAL,
    @SerialName("full") FULL,
}

/** Diagonal covariance for `gaussian(covariance = …)`. */
val diagonal: Covariance = Covariance.DIAGONAL

/** Full covariance for `gaussian(covariance = …)`. */
val full: Covariance = Covariance.FULL

/** A Gaussian proposal fitted to the training data (the SNL 2-D default); see [FittedGaussianProposalSpec]. */
fun gaussian(covariance: Covariance = diagonal, jitter: Double = DiagonalGaussianProposal.DEFAULT_JITTER): FittedGaussianProposalSpec =
    FittedGaussianProposalSpec(covariance, jitter)

/**
 * A Gaussian with the training data's mean and (diagonal or full) covariance; [jitter] is the std of the
 * Gaussian noise added to the data before fitting (the SNL code's 1e-2 jitter), which keeps it non-degenerate.
 */
@Serializable
@SerialName("gaussian_fitted")
data class FittedGaussianProposalSpec(val covariance: Covariance, val jitter: Double) : ProposalSpec {
    override fun build(context: BuildContext): Proposal = Type.inDslNames {
        when (covariance) {
            Covariance.DIAGONAL -> DiagonalGaussianProposal.fit(context.manager, context.train, jitter)
            Covariance.FULL -> FullGaussianProposal.fit(context.manager, context.train, jitter)
        }
    }

    object Type : ComponentType<ProposalSpec, FittedGaussianProposalSpec>(
        Category.PROPOSAL, FittedGaussianProposalSpec::class, FittedGaussianProposalSpec.serializer(), "gaussian",
    ) {
        override val defaultSpec get() = gaussian()
        override val engineClasses = listOf(DiagonalGaussianProposal::class.java, FullGaussianProposal::class.java)
        override fun engineDefault(context: BuildContext) =
            DiagonalGaussianProposal.fit(context.manager, context.train, DiagonalGaussianProposal.DEFAULT_JITTER)
        override val entries get() = listOf(
            "gaussian(covariance, jitter)" to "Gaussian fitted to the training data; covariance = diagonal (or full), " +
                "jitter = ${defaultSpec.jitter} data noise std before fitting (SNL 2-D default proposal).",
        )
    }
}

/** A fixed diagonal Gaussian proposal `N(mean, diag(std²))`. */
fun gaussian(mean: List<Double>, std: List<Double>): GaussianProposalSpec = GaussianProposalSpec(mean, std)

/** A fixed diagonal Gaussian `N(mean, diag(std²))`; both lists have one entry per data dimension. */
@Serializable
@SerialName("gaussian")
data class GaussianProposalSpec(val mean: List<Double>, val std: List<Double>) : ProposalSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        checkDimension("gaussian", "mean", mean.size, context)
        DiagonalGaussianProposal(context.manager, mean.toDoubleArray(), std.toDoubleArray())
    }

    object Type : ComponentType<ProposalSpec, GaussianProposalSpec>(
        Category.PROPOSAL, GaussianProposalSpec::class, GaussianProposalSpec.serializer(), "gaussian",
    ) {
        override val engineClasses = listOf(DiagonalGaussianProposal::class.java)
        override val entries get() = listOf(
            "gaussian(mean, std)" to "Fixed diagonal Gaussian N(mean, diag(std²)), one entry per dimension.",
        )
    }
}

/** A uniform proposal on the fixed box `[low, high]`. */
fun uniformBox(low: List<Double>, high: List<Double>): UniformBoxProposalSpec = UniformBoxProposalSpec(low, high)

/** The uniform density on the box `[low, high]`; one entry per data dimension, `low < high` everywhere. */
@Serializable
@SerialName("uniform_box")
data class UniformBoxProposalSpec(val low: List<Double>, val high: List<Double>) : ProposalSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        checkDimension("uniformBox", "low", low.size, context)
        UniformBoxProposal(context.manager, low.toDoubleArray(), high.toDoubleArray())
    }

    object Type : ComponentType<ProposalSpec, UniformBoxProposalSpec>(
        Category.PROPOSAL, UniformBoxProposalSpec::class, UniformBoxProposalSpec.serializer(), "uniformBox",
    ) {
        override val engineClasses = listOf(UniformBoxProposal::class.java)
        override val entries get() = listOf(
            "uniformBox(low, high)" to "Uniform on the fixed box [low, high], one entry per dimension.",
        )
    }
}

/** A uniform proposal on the data's bounding box widened by [margin] × range on each side. */
fun uniformBox(margin: Double = UniformBoxProposal.DEFAULT_MARGIN): FittedUniformBoxProposalSpec =
    FittedUniformBoxProposalSpec(margin)

/**
 * The uniform density on the training data's bounding box, widened on each side by [margin] times the data
 * range of that dimension (0.1 adds 10 % each side).
 */
@Serializable
@SerialName("uniform_box_fitted")
data class FittedUniformBoxProposalSpec(val margin: Double) : ProposalSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        UniformBoxProposal.fit(context.manager, context.train, margin)
    }

    object Type : ComponentType<ProposalSpec, FittedUniformBoxProposalSpec>(
        Category.PROPOSAL, FittedUniformBoxProposalSpec::class, FittedUniformBoxProposalSpec.serializer(), "uniformBox",
    ) {
        override val defaultSpec get() = uniformBox()
        override val engineClasses = listOf(UniformBoxProposal::class.java)
        override fun engineDefault(context: BuildContext) =
            UniformBoxProposal.fit(context.manager, context.train, UniformBoxProposal.DEFAULT_MARGIN)
        override val entries get() = listOf(
            "uniformBox(margin)" to
                "Uniform on the data's bounding box widened by margin = ${defaultSpec.margin} × range each side.",
        )
    }
}

/** A mixture of diagonal Gaussians fitted to the training data; see [FittedGaussianMixtureProposalSpec]. */
fun gaussianMixture(components: Int = GaussianMixtureProposal.DEFAULT_COMPONENTS): FittedGaussianMixtureProposalSpec =
    FittedGaussianMixtureProposalSpec(components)

/**
 * A mixture of [components] diagonal Gaussians fitted to the training data by k-means++ then EM (SNL's
 * 20-component GMM proposal, docs/methods.md §5.4). The fit is seeded by the cell seed, so it repeats.
 */
@Serializable
@SerialName("gaussian_mixture_fitted")
data class FittedGaussianMixtureProposalSpec(val components: Int) : ProposalSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        GaussianMixtureProposal.fit(context.manager, context.train, components, context.seed)
    }

    object Type : ComponentType<ProposalSpec, FittedGaussianMixtureProposalSpec>(
        Category.PROPOSAL, FittedGaussianMixtureProposalSpec::class, FittedGaussianMixtureProposalSpec.serializer(),
        "gaussianMixture",
    ) {
        override val defaultSpec get() = gaussianMixture()
        override val engineClasses = listOf(GaussianMixtureProposal::class.java)
        override fun engineDefault(context: BuildContext) = GaussianMixtureProposal.fit(
            context.manager, context.train, GaussianMixtureProposal.DEFAULT_COMPONENTS, context.seed,
        )
        override val entries get() = listOf(
            "gaussianMixture(components)" to "Mixture of diagonal Gaussians fitted to the data by k-means++ then EM, " +
                "seeded by the cell seed; components = ${defaultSpec.components} (SNL's GMM proposal).",
        )
    }
}

/** A fixed proposal's lists must match the data's dimension, which only the cell knows. */
private fun checkDimension(proposal: String, parameter: String, size: Int, context: BuildContext) {
    val d = context.train.dim()
    Require.that(size == d, proposal, parameter, "have one entry per data dimension ($d)", "$size entries")
}
