package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * The proposal (noise) density `q`: importance samples for SNL and log-IS, noise for NCE. The "fitted"
 * variants are estimated from each cell's training data, so one script works for every dataset.
 */
@Serializable
sealed interface ProposalSpec

/** Covariance structure of a fitted Gaussian proposal. */
@Serializable
enum class Covariance {
    @SerialName("diagonal") DIAGONAL,
    @SerialName("full") FULL,
}

/**
 * A Gaussian with the training data's mean and (diagonal or full) covariance; [jitter] is the std of the
 * Gaussian noise added to the data before fitting (the SNL code's 1e-2 jitter), which keeps it non-degenerate.
 */
@Serializable
@SerialName("gaussian_fitted")
data class FittedGaussianProposalSpec(
    val covariance: Covariance = Covariance.DIAGONAL,
    val jitter: Double = 0.01,
) : ProposalSpec {
    init {
        Check.atLeast("gaussian.jitter", jitter, 0.0)
    }
}

/** A fixed diagonal Gaussian `N(mean, diag(std²))`; both lists have one entry per data dimension. */
@Serializable
@SerialName("gaussian")
data class GaussianProposalSpec(val mean: List<Double>, val std: List<Double>) : ProposalSpec {
    init {
        Check.that(mean.isNotEmpty()) { "gaussian.mean must have one entry per data dimension, was empty" }
        Check.that(mean.size == std.size) {
            "gaussian.mean and gaussian.std must have the same length, were ${mean.size} and ${std.size}"
        }
        Check.finite("gaussian.mean", mean)
        std.forEachIndexed { i, s -> Check.positive("gaussian.std[$i]", s) }
    }
}

/** The uniform density on the box `[low, high]`; one entry per data dimension, `low < high` everywhere. */
@Serializable
@SerialName("uniform_box")
data class UniformBoxProposalSpec(val low: List<Double>, val high: List<Double>) : ProposalSpec {
    init {
        Check.that(low.isNotEmpty()) { "uniformBox.low must have one entry per data dimension, was empty" }
        Check.that(low.size == high.size) {
            "uniformBox.low and uniformBox.high must have the same length, were ${low.size} and ${high.size}"
        }
        Check.finite("uniformBox.low", low)
        Check.finite("uniformBox.high", high)
        low.indices.forEach { i ->
            Check.that(low[i] < high[i]) { "uniformBox.low[$i] must be < high[$i], were ${low[i]} and ${high[i]}" }
        }
    }
}

/**
 * The uniform density on the training data's bounding box, widened on each side by [margin] times the data
 * range of that dimension (0.1 adds 10 % each side).
 */
@Serializable
@SerialName("uniform_box_fitted")
data class FittedUniformBoxProposalSpec(val margin: Double = 0.1) : ProposalSpec {
    init {
        Check.atLeast("uniformBox.margin", margin, 0.0)
    }
}

/**
 * A mixture of [components] diagonal Gaussians fitted to the training data by k-means++ then EM (SNL's
 * 20-component GMM proposal, methods.md §2.2). The fit is seeded by the cell seed, so it repeats.
 */
@Serializable
@SerialName("gaussian_mixture_fitted")
data class FittedGaussianMixtureProposalSpec(val components: Int = 20) : ProposalSpec {
    init {
        Check.atLeast("gaussianMixture.components", components, 1)
    }
}
