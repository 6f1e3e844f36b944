package org.ebmworkbench.engine.sampler

import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import org.ebmworkbench.engine.energy.IsingEnergy
import org.ebmworkbench.engine.tensor.Parameters

/**
 * A second binary target, the engine's own [IsingEnergy] on {0, 1}⁵: E(x) = −(sᵀJs + bᵀs), s = 2x − 1, with a ring of
 * couplings 0.2, two chords of −0.2 and 0.15 and biases from −0.4 to 0.3. Its weight parameter is J itself (already
 * symmetric with zero diagonal, so the energy's symmetrisation leaves it as it is).
 */
object FiveSiteIsing {
    const val SITES = 5
    val energy: IsingEnergy = IsingEnergy.builder().setInputDim(SITES).build()

    val couplings: Array<DoubleArray> = Array(SITES) { DoubleArray(SITES) }.also { j ->
        fun set(a: Int, b: Int, v: Double) { j[a][b] = v; j[b][a] = v }
        for (i in 0 until SITES) set(i, (i + 1) % SITES, 0.2)
        set(0, 2, -0.2)
        set(1, 3, 0.15)
    }
    val bias = doubleArrayOf(0.3, -0.2, 0.1, 0.0, -0.4)

    fun params(m: NDManager): Parameters = Parameters.builder()
        .add(IsingEnergy.WEIGHT, m.create(couplings.flatMap { r -> r.map { it.toFloat() } }.toFloatArray(), Shape(5, 5)))
        .add(IsingEnergy.BIAS, m.create(bias.map { it.toFloat() }.toFloatArray()))
        .build()

    private fun spins(s: Int) = DoubleArray(SITES) { 2.0 * ((s shr it) and 1) - 1 }

    fun energyOf(s: Int): Double {
        val x = spins(s)
        var e = 0.0
        for (i in 0 until SITES) {
            e += bias[i] * x[i]
            for (j in 0 until SITES) e += x[i] * couplings[i][j] * x[j]
        }
        return -e
    }

    /** ∂E/∂x = 2 ∂E/∂s = −2(2Js + b). */
    fun gradientOf(s: Int): DoubleArray {
        val x = spins(s)
        return DoubleArray(SITES) { i -> -2 * (2 * (0 until SITES).sumOf { couplings[i][it] * x[it] } + bias[i]) }
    }

    val model = EnumeratedBinaryModel(SITES, ::energyOf, ::gradientOf)
}
