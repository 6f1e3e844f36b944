package org.ebmworkbench.engine.sampler

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.tensor.Parameters

/**
 * The binary target of the discrete-sampler tests: a Boltzmann machine on {0, 1}⁴ written as the [QuadraticEnergy]
 * E(x) = ½ (x − μ)ᵀ L Lᵀ (x − μ) restricted to binary x (with x_i² = x_i, the diagonal of Λ = L Lᵀ acts as biases and
 * its off-diagonal entries, from about −2.0 to 2.5, as pairwise couplings). Its 16 state probabilities range from 0.007
 * to 0.26 (ratio 38), so a sampler with the wrong law is far from it, yet each state has an expected count of at
 * least 57 among 8192 chains, so Pearson's chi-square test is accurate.
 *
 * State s ∈ 0..15 is the row x with x_i = bit i of s. Exact quantities are computed on the host in double precision
 * from the float32 parameters the engine uses.
 */
object FourSiteBoltzmann {
    const val SITES = 4
    const val STATES = 1 shl SITES
    val energy = QuadraticEnergy(SITES, true)
    private val meanValues = floatArrayOf(0.8f, 0.3f, 0.6f, 0.2f)

    /** L, row-major, lower triangular. */
    private val factorValues = floatArrayOf(
        1.95f, 0f, 0f, 0f,
        1.3f, 1.56f, 0f, 0f,
        -1.04f, 0.78f, 1.69f, 0f,
        0.65f, -1.17f, 0.91f, 1.43f,
    )

    fun params(m: NDManager, type: DataType = DataType.FLOAT32): Parameters = Parameters.builder()
        .add(QuadraticEnergy.MEAN, m.create(meanValues).toType(type, false))
        .add(QuadraticEnergy.FACTOR, m.create(factorValues, Shape(SITES.toLong(), SITES.toLong())).toType(type, false))
        .build()

    fun bits(s: Int): DoubleArray = DoubleArray(SITES) { i -> ((s shr i) and 1).toDouble() }

    /** E of state s, in double precision. */
    fun energyOf(s: Int): Double {
        val x = bits(s)
        var e = 0.0
        for (j in 0 until SITES) {
            var projected = 0.0
            for (i in 0 until SITES) projected += (x[i] - meanValues[i]) * factorValues[SITES * i + j]
            e += 0.5 * projected * projected
        }
        return e
    }

    /** ∇ₓE = L Lᵀ (x − μ) at state s, in double precision. */
    fun gradientOf(s: Int): DoubleArray {
        val x = bits(s)
        val projected = DoubleArray(SITES) { j -> (0 until SITES).sumOf { i -> (x[i] - meanValues[i]) * factorValues[SITES * i + j] } }
        return DoubleArray(SITES) { k -> (0 until SITES).sumOf { j -> factorValues[SITES * k + j] * projected[j] } }
    }

    /** The enumerated model: exact law and the samplers' exact kernels. */
    val model = EnumeratedBinaryModel(SITES, ::energyOf, ::gradientOf)

    /** The exact law p(s) = exp(−E(s)) / Σ exp(−E), by enumeration. */
    val law: DoubleArray = model.law

    /** The law of exp(+E): what a sampler with the sign of the energy difference flipped samples. */
    val flippedLaw: DoubleArray = model.flippedLaw

    val uniformLaw = model.uniformLaw

    /** The state of highest energy. */
    val highest: Int = (0 until STATES).maxBy { energyOf(it) }

    /** n chains, all at the state of highest energy. */
    fun highStart(m: NDManager, n: Int, type: DataType = DataType.FLOAT32): NDArray =
        m.create(bits(highest).map { it.toFloat() }.toFloatArray()).reshape(1, SITES.toLong()).repeat(0, n.toLong())
            .toType(type, false)

    /** n chains at independent uniform draws from {0, 1}⁴ (engine random generator). */
    fun uniformStart(m: NDManager, n: Int): NDArray =
        m.randomUniform(0f, 1f, Shape(n.toLong(), SITES.toLong())).lt(0.5f).toType(DataType.FLOAT32, false)

    /** How many rows of a chains x 4 binary tensor are in each state. */
    fun counts(samples: NDArray): LongArray {
        val v = samples.toType(DataType.FLOAT32, false).toFloatArray()
        val counts = LongArray(STATES)
        for (row in 0 until v.size / SITES) {
            var s = 0
            for (i in 0 until SITES) if (v[SITES * row + i] == 1f) s = s or (1 shl i)
            counts[s]++
        }
        return counts
    }

    /** The exact law after [sweeps] systematic-scan Gibbs sweeps (sites 0..3 in order) from the law [start]. */
    fun lawAfterSweeps(start: DoubleArray, sweeps: Int): DoubleArray = BinaryKernel.SYSTEMATIC_SWEEP.lawAfter(model, start, sweeps)
}

/** Pearson's X² = Σ (O − n p)² / (n p) of the observed [counts] against the law [expected]; k − 1 degrees of freedom. */
fun chiSquare(counts: LongArray, expected: DoubleArray): Double {
    val n = counts.sum().toDouble()
    return counts.indices.sumOf { s -> (counts[s] - n * expected[s]).let { it * it } / (n * expected[s]) }
}
