package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.check.Require
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.energy.OneHotEnergy

/** [energy] on the one-hot codes of categorical data with [categories] states; see [OneHotEnergySpec]. */
fun oneHot(energy: EnergySpec, categories: Int): OneHotEnergySpec = OneHotEnergySpec(energy, categories)

/**
 * Categorical data: every column of the data is a category in `{0, …, categories − 1}`, and [energy] (e.g. `mlp(…)`)
 * sees the concatenated one-hot codes, `D·categories` inputs (discrete ED's categorical models, Schröder et al. 2024,
 * arXiv 2412.01019, where the embedding is the MLP's first layer).
 */
@Serializable
@SerialName("one_hot")
data class OneHotEnergySpec(val energy: EnergySpec, val categories: Int) : EnergySpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        Require.atLeast("oneHot", "categories", categories.toLong(), 2)
        val d = context.train.dim()
        // The inner energy is built for the width of the codes; only its input dimension comes from the data.
        val codes = BuildContext(Dataset.of(FloatArray(d * categories), 1, d * categories), context.manager, context.seed)
        OneHotEnergy(energy.build(codes), categories)
    }

    override fun smoke() = copy(energy = energy.smoke())

    object Type : ComponentType<EnergySpec, OneHotEnergySpec>(Category.ENERGY, OneHotEnergySpec::class, OneHotEnergySpec.serializer(), "oneHot") {
        override val engineClasses = listOf(OneHotEnergy::class.java)
        override val entries get() = listOf(
            "oneHot(energy, categories)" to "Categorical data: energy (e.g. mlp(…)) on the one-hot codes of every column, " +
                "each a category in 0 until categories.",
        )
    }
}
