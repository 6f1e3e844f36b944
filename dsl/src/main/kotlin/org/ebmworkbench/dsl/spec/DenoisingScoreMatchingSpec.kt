package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.objective.DenoisingScoreMatching

/** Denoising score matching; see [DenoisingScoreMatchingSpec]. */
fun denoisingScoreMatching(sigma: Double = DenoisingScoreMatching.Builder.DEFAULT_SIGMA): DenoisingScoreMatchingSpec =
    DenoisingScoreMatchingSpec(sigma)

/** Denoising score matching (Vincent 2011) with noise std [sigma]; SNL's 2-D baseline uses 0.1. */
@Serializable
@SerialName("dsm")
data class DenoisingScoreMatchingSpec(val sigma: Double) : ObjectiveSpec {
    override val type: String get() = "dsm"

    override fun build(context: BuildContext) = Type.inDslNames { DenoisingScoreMatching.builder().optSigma(sigma).build() }

    object Type : ComponentType<ObjectiveSpec, DenoisingScoreMatchingSpec>(
        Category.OBJECTIVE, DenoisingScoreMatchingSpec::class, DenoisingScoreMatchingSpec.serializer(), "denoisingScoreMatching",
    ) {
        override val defaultSpec get() = denoisingScoreMatching()
        override val engineClasses = listOf(DenoisingScoreMatching::class.java)
        override fun engineDefault(context: BuildContext) = DenoisingScoreMatching.builder().build()
        override val entries get() = listOf(
            "denoisingScoreMatching(sigma)" to
                "Denoising score matching (Vincent 2011); sigma = ${defaultSpec.sigma} (SNL 2-D baseline).",
        )
    }
}
