package org.ebmworkbench.engine.eval

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.ToyDataset
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors
import kotlin.math.PI
import kotlin.math.exp
import kotlin.math.ln

/**
 * scale · (−log p(x)) + shift for the 25-Gaussians toy (ED notebook: centres {−4,−2,0,2,4}²/1.414, std 0.2/1.414),
 * written with tensor ops so it is an energy like any other.
 */
private class ScaledGaussians25Energy(private val scale: Double, private val shift: Double) : EnergyModel {
    private val std = 0.2 / 1.414
    private val centres = (-2..2).flatMap { a -> (-2..2).flatMap { b -> listOf(2f * a / 1.414f, 2f * b / 1.414f) } }

    override fun inputDim() = 2
    override fun initialize(manager: NDManager): Parameters = Parameters.empty()
    override fun energy(params: Parameters, x: NDArray): NDArray {
        val c = x.manager.create(centres.toFloatArray(), ai.djl.ndarray.types.Shape(25, 2))
        val squared = x.expandDims(1).sub(c).square().sum(intArrayOf(2))
        val logP = Tensors.logSumExp(squared.mul(-0.5 / (std * std)), 1).sub(ln(25.0) + ln(2 * PI * std * std))
        return logP.mul(-scale).add(shift)
    }
    override fun describe() = "$scale x (-log p_25gaussians) + $shift"
}

/** The ED protocol's MSE of the log-density against host computations on the same points. */
class MseLogDensityTest : FunSpec({
    val toy: ToyDataset = ToyDatasets.byName("gaussians25")

    /** The metric in double precision on the host: a_i = −E(x_i) − log p(x_i), MSE of a_i − log mean exp(a). */
    fun hostMse(points: Dataset, negEnergy: (Double, Double) -> Double): Double {
        val a = DoubleArray(points.size()) { i ->
            val x = points.get(i, 0).toDouble()
            val y = points.get(i, 1).toDouble()
            negEnergy(x, y) - toy.logDensity(x, y)
        }
        val max = a.max()
        val logZ = max + ln(a.sumOf { exp(it - max) } / a.size)
        return a.sumOf { (it - logZ) * (it - logZ) } / a.size
    }

    test("an energy equal to −log p_data plus any constant scores 0") {
        TestSupport.withManager { m ->
            for (shift in listOf(0.0, 3.7, -120.0)) {
                val mse = MseLogDensity().evaluate(ScaledGaussians25Energy(1.0, shift), Parameters.empty(), toy, 11L, m)
                mse shouldBeLessThan 1e-8
            }
        }
    }

    test("mis-specified energies score what a host computation on the same points gives") {
        TestSupport.withManager { m ->
            val points = toy.sample(5000, 12L)
            val metric = MseLogDensity()
            // A unit Gaussian energy ½‖x‖² on 25 modes: badly wrong, a large MSE.
            val quadratic = QuadraticEnergy(2, false)
            val gaussian = metric.evaluateAt(quadratic, quadratic.initialize(m), toy, points, m)
            val gaussianHost = hostMse(points) { x, y -> -0.5 * (x * x + y * y) }
            gaussian shouldBe (gaussianHost plusOrMinus 1e-5 * gaussianHost)
            gaussian shouldBeGreaterThan 1.0
            // Twice the true energy (p² up to normalisation): right modes, wrong sharpness.
            val squared = metric.evaluateAt(ScaledGaussians25Energy(2.0, 0.0), Parameters.empty(), toy, points, m)
            val squaredHost = hostMse(points) { x, y -> 2 * toy.logDensity(x, y) }
            squared shouldBe (squaredHost plusOrMinus 1e-5 * squaredHost)
            squared shouldBeGreaterThan 0.1
        }
    }

    test("evaluate draws 5000 fresh points from the seed, the ED protocol") {
        TestSupport.withManager { m ->
            val metric = MseLogDensity()
            metric.points() shouldBe 5000
            val energy = ScaledGaussians25Energy(1.5, 0.0)
            metric.evaluate(energy, Parameters.empty(), toy, 21L, m) shouldBe
                metric.evaluateAt(energy, Parameters.empty(), toy, toy.sample(5000, 21L), m)
        }
    }

    test("datasets without a closed-form density, and points off the support, get a clear error") {
        TestSupport.withManager { m ->
            val noDensity = ToyDatasets.byName("two_moons")
            val e = shouldThrow<IllegalArgumentException> {
                MseLogDensity().evaluate(QuadraticEnergy(2, false), Parameters.empty(), noDensity, 1L, m)
            }
            e.message!! shouldContain "two_moons"
            e.message!! shouldContain "closed-form density"
            e.message!! shouldContain "gaussians25"
            val checkerboard = ToyDatasets.byName("checkerboard")
            val offSupport = Dataset.of(floatArrayOf(1f, 1f, 5f, 5f), 2, 2)
            shouldThrow<IllegalArgumentException> {
                MseLogDensity().evaluateAt(QuadraticEnergy(2, false), Parameters.empty(), checkerboard, offSupport, m)
            }.message!! shouldContain "point 1"
        }
    }
})
