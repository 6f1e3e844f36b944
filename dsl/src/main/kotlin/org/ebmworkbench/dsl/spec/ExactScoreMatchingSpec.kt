package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.objective.ExactScoreMatching

/** Exact score matching; see [ExactScoreMatchingSpec]. */
fun scoreMatching(): ExactScoreMatchingSpec = ExactScoreMatchingSpec

/** Exact score matching (Hyvärinen 2005): `½‖∇E‖² − ΔE`, the Laplacian by double back-propagation. */
@Serializable
@SerialName("sm")
data object ExactScoreMatchingSpec : ObjectiveSpec {
    override val type: String get() = "sm"

    override fun build(context: BuildContext) = ExactScoreMatching.builder().build()

    object Type : ComponentType<ObjectiveSpec, ExactScoreMatchingSpec>(
        Category.OBJECTIVE, ExactScoreMatchingSpec::class, ExactScoreMatchingSpec.serializer(), "scoreMatching",
    ) {
        override val defaultSpec get() = scoreMatching()
        override val engineClasses = listOf(ExactScoreMatching::class.java)
        override fun engineDefault(context: BuildContext) = ExactScoreMatching.builder().build()
        override val entries get() = listOf(
            "scoreMatching()" to "Exact score matching (Hyvärinen 2005): ½‖∇E‖² − ΔE by double back-propagation.",
        )
    }
}
