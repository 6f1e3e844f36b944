package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.objective.SlicedScoreMatching
import org.ebmworkbench.engine.objective.SlicedScoreMatching.Builder as Defaults

/** Sliced score matching; see [SlicedScoreMatchingSpec]. */
fun slicedScoreMatching(
    projections: Int = Defaults.DEFAULT_NUM_PROJECTIONS,
    distribution: Projection = Projection.valueOf(Defaults.DEFAULT_PROJECTION.name),
    varianceReduced: Boolean = Defaults.DEFAULT_VARIANCE_REDUCED,
): SlicedScoreMatchingSpec = SlicedScoreMatchingSpec(projections, distribution, varianceReduced)

/** Rademacher projections for [slicedScoreMatching]. */
val rademacher: Projection = Projection.RADEMACHER

/** Gaussian projections for [slicedScoreMatching]. */
val gaussianProjections: Projection = Projection.GAUSSIAN

/** Distribution of the random projections of sliced score matching (the engine's, by name). */
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
    val projections: Int,
    val distribution: Projection,
    val varianceReduced: Boolean,
) : ObjectiveSpec {
    override val type: String get() = "ssm"

    override fun build(context: BuildContext) = Type.inDslNames {
        SlicedScoreMatching.builder().optNumProjections(projections)
            .optProjection(SlicedScoreMatching.Projection.valueOf(distribution.name))
            .optVarianceReduced(varianceReduced).build()
    }

    object Type : ComponentType<ObjectiveSpec, SlicedScoreMatchingSpec>(
        Category.OBJECTIVE, SlicedScoreMatchingSpec::class, SlicedScoreMatchingSpec.serializer(), "slicedScoreMatching",
    ) {
        override val defaultSpec get() = slicedScoreMatching()
        override val engineClasses = listOf(SlicedScoreMatching::class.java)
        override fun engineDefault(context: BuildContext) = SlicedScoreMatching.builder().build()
        override val parameterNames = mapOf("numProjections" to "projections")
        override val entries get() = defaultSpec.let { s ->
            listOf(
                "slicedScoreMatching(projections, distribution, varianceReduced)" to
                    "Sliced score matching (Song et al. 2019); projections = ${s.projections}, distribution = " +
                    "rademacher (or gaussianProjections), varianceReduced = ${s.varianceReduced}.",
            )
        }
    }
}
