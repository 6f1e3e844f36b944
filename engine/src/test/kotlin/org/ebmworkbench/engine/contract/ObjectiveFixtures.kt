package org.ebmworkbench.engine.contract

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.tensor.Parameters
import java.util.SplittableRandom
import kotlin.math.sqrt

/** Fixtures of the objective contracts: correlated 2-D Gaussian data, float64 parameters, a shifted energy. */
object ObjectiveFixtures {
    /** The data distribution of the recovery tests: mean μ and covariance Σ with correlation 0.6. */
    val MEAN = doubleArrayOf(1.0, -0.5)
    val COVARIANCE = arrayOf(doubleArrayOf(1.0, 0.54), doubleArrayOf(0.54, 0.81))

    /** Σ⁻¹ of [COVARIANCE]. */
    val PRECISION: Array<DoubleArray> = run {
        val (a, b) = COVARIANCE[0][0] to COVARIANCE[0][1]
        val d = COVARIANCE[1][1]
        val det = a * d - b * b
        arrayOf(doubleArrayOf(d / det, -b / det), doubleArrayOf(-b / det, a / det))
    }

    /** n draws of N(MEAN, COVARIANCE), x = μ + L z with the Cholesky factor L of Σ. */
    fun correlatedGaussian(n: Int, seed: Long): Dataset {
        val rng = SplittableRandom(seed)
        val l00 = sqrt(COVARIANCE[0][0])
        val l10 = COVARIANCE[1][0] / l00
        val l11 = sqrt(COVARIANCE[1][1] - l10 * l10)
        val v = FloatArray(2 * n)
        for (i in 0 until n) {
            val z0 = TestSupport.gaussian(rng)
            val z1 = TestSupport.gaussian(rng)
            v[2 * i] = (MEAN[0] + l00 * z0).toFloat()
            v[2 * i + 1] = (MEAN[1] + l10 * z0 + l11 * z1).toFloat()
        }
        return Dataset.of(v, n, 2)
    }

    /**
     * The proposal of [entry] for data of this mean and spread: the diagonal Gaussian N(mean, diag(std²)) on the rows,
     * or for a conditional objective its last coordinate, a Gaussian on the target column alone.
     */
    fun proposal(entry: ObjectiveEntry, m: NDManager, mean: DoubleArray, std: DoubleArray): Proposal =
        if (entry.conditional) DiagonalGaussianProposal(m, doubleArrayOf(mean.last()), doubleArrayOf(std.last()))
        else DiagonalGaussianProposal(m, mean, std)

    /** A float64 copy of every tensor, requiring gradients (DJL's PyTorch engine runs autograd in float64). */
    fun Parameters.toFloat64(): Parameters {
        val b = Parameters.builder()
        for (name in names()) b.add(name, get(name).toType(DataType.FLOAT64, true))
        return b.build().requireGradients()
    }

    /** A float64 copy with entry [index] of tensor [name] moved by [delta], not requiring gradients. */
    fun Parameters.perturbed(manager: NDManager, name: String, index: Int, delta: Double): Parameters {
        val b = Parameters.builder()
        for (n in names()) {
            val a = get(n)
            val values = a.toType(DataType.FLOAT64, false).toDoubleArray()
            if (n == name) values[index] += delta
            b.add(n, manager.create(values, a.shape))
        }
        return b.build()
    }

    /** E(x) + constant: the same distribution, so every normaliser-free loss must not change. */
    class ShiftedEnergy(private val inner: EnergyModel, private val constant: Double) : EnergyModel {
        override fun inputDim() = inner.inputDim()
        override fun initialize(manager: NDManager): Parameters = inner.initialize(manager)
        override fun energy(params: Parameters, x: NDArray): NDArray = inner.energy(params, x).add(constant)
        override fun describe() = inner.describe() + " + $constant"
    }
}
