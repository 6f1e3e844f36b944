package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Exact score matching (Hyvärinen 2005): `½‖∇E‖² − ΔE`, the Laplacian by double back-propagation. */
@Serializable
@SerialName("sm")
data object ExactScoreMatchingSpec : ObjectiveSpec {
    override val type: String get() = "sm"
}

/** Denoising score matching (Vincent 2011) with noise std [sigma]; SNL's 2-D baseline uses 0.1. */
@Serializable
@SerialName("dsm")
data class DenoisingScoreMatchingSpec(val sigma: Double = 0.1) : ObjectiveSpec {
    init {
        Check.positive("denoisingScoreMatching.sigma", sigma)
    }

    override val type: String get() = "dsm"
}

/** Distribution of the random projections of sliced score matching. */
@Serializable
enum class Projection {
    @SerialName("rademacher") RADEMACHER,
    @SerialName("gaussian") GAUSSIAN,
}

/**
 * Sliced score matching (Song et al. 2019) with [projections] random directions per data point;
 * [varianceReduced] replaces `½(vᵀ∇E)²` by `½‖∇E‖²` (meant for Gaussian projections).
 */
@Serializable
@SerialName("ssm")
data class SlicedScoreMatchingSpec(
    val projections: Int = 1,
    val distribution: Projection = Projection.RADEMACHER,
    val varianceReduced: Boolean = false,
) : ObjectiveSpec {
    init {
        Check.atLeast("slicedScoreMatching.projections", projections, 1)
    }

    override val type: String get() = "ssm"
}
