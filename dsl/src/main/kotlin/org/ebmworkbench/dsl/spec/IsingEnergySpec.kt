package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.energy.IsingEnergy

/** A fully connected Ising energy on binary data; see [IsingEnergySpec]. */
fun ising(initStd: Double = IsingEnergy.Builder.DEFAULT_INIT_STD): IsingEnergySpec = IsingEnergySpec(initStd)

/**
 * The Ising energy `E(x) = −(sᵀJs + bᵀs)` with spins `s = 2x − 1` on `x ∈ {0, 1}^D` (the lattice-Ising convention of
 * Grathwohl et al. 2021, arXiv 2102.04509): a full symmetric `J` with zero diagonal, by construction, and a bias `b`.
 * Initial weights `N(0, initStd²)`, bias 0. The metrics read the learned `J` through the engine's `PairwiseCouplings`.
 */
@Serializable
@SerialName("ising")
data class IsingEnergySpec(val initStd: Double) : EnergySpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        IsingEnergy.builder().setInputDim(context.train.dim()).optInitStd(initStd).build()
    }

    object Type : ComponentType<EnergySpec, IsingEnergySpec>(Category.ENERGY, IsingEnergySpec::class, IsingEnergySpec.serializer(), "ising") {
        override val defaultSpec get() = ising()
        override val engineClasses = listOf(IsingEnergy::class.java)
        override fun engineDefault(context: BuildContext) = IsingEnergy.builder().setInputDim(context.train.dim()).build()
        override val entries get() = listOf(
            "ising(initStd)" to "Ising energy −(sᵀJs + bᵀs), s = 2x − 1, full symmetric J with zero diagonal and a bias; " +
                "initStd = ${defaultSpec.initStd} (Grathwohl et al. 2021); binary data.",
        )
    }
}
