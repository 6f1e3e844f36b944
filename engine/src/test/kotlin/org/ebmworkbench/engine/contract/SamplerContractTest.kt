package org.ebmworkbench.engine.contract

import ai.djl.engine.Engine
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.NDScope
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.doubles.shouldBeLessThanOrEqual
import io.kotest.matchers.maps.shouldNotContainKey
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.sampler.CorrelatedGaussian
import org.ebmworkbench.engine.sampler.FourSiteBoltzmann
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.sampler.SamplerResult
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors

/** What a sampler runs on in these tests: an energy, its parameters, and n chains started at high energy. */
private class ContractTarget(
    val energy: EnergyModel,
    val params: (NDManager) -> Parameters,
    val farStart: (NDManager, Int) -> NDArray,
)

/**
 * What every registered sampler promises besides its law: the parameters' gradients untouched, no leaked tensors,
 * results owned by the caller's scope, scalar diagnostics that make sense, a clear error inside a collector.
 * Continuous samplers run on the correlated Gaussian of [CorrelatedGaussian]; discrete ones on the binary
 * [FourSiteBoltzmann], where they also reject non-binary starts, return binary states in the start's type, and report
 * grad_norm exactly when they compute ∇ₓE (Gibbs-with-Gradients, not Gibbs).
 */
class SamplerContractTest : FunSpec({
    val gaussian = ContractTarget(CorrelatedGaussian.energy, CorrelatedGaussian::params, CorrelatedGaussian::farStart)
    val binary = ContractTarget(FourSiteBoltzmann.energy, { FourSiteBoltzmann.params(it) },
        { m, n -> FourSiteBoltzmann.highStart(m, n) })

    fun closeResult(r: SamplerResult) {
        r.samples().close()
        r.diagnostics().values.forEach { it.close() }
    }

    /** The promises every sampler keeps, continuous or discrete. */
    fun sharedPromises(entry: Any, sampler: Sampler, target: ContractTarget) {
        entryTest(entry, "leaves the parameters' gradients at zero, though the parameters require gradients") {
            TestSupport.withManager { m ->
                val params = target.params(m).requireGradients()
                sampler.run(target.energy, params, target.farStart(m, 64), 5, m)
                for (name in params.names()) withClue("gradient of $name") {
                    Tensors.scalar(params.get(name).gradient.abs().sum()) shouldBe 0.0
                }
            }
        }

        entryTest(entry, "leaks no tensor: once the results are closed the manager holds what it held, for 3 or 30 steps") {
            TestSupport.withManager { m ->
                val params = target.params(m)
                val start = target.farStart(m, 64)
                val before = m.managedArrays.size
                for (steps in listOf(3, 30)) {
                    closeResult(sampler.run(target.energy, params, start, steps, m))
                    withClue("$steps steps") { m.managedArrays.size shouldBe before }
                }
            }
        }

        entryTest(entry, "hands its results to the caller's NDScope: closing the scope frees them") {
            TestSupport.withManager { m ->
                val params = target.params(m)
                val start = target.farStart(m, 64)
                val before = m.managedArrays.size
                NDScope().use { sampler.run(target.energy, params, start, 4, m) }
                m.managedArrays.size shouldBe before
                start.isReleased shouldBe false
            }
        }

        entryTest(entry, "run inside an open GradientCollector fails with an explanation") {
            TestSupport.withManager { m ->
                val e = Engine.getInstance().newGradientCollector().use {
                    shouldThrow<IllegalStateException> {
                        sampler.run(target.energy, target.params(m), target.farStart(m, 4), 1, m)
                    }
                }
                e.message!! shouldContain "inside an open GradientCollector"
            }
        }
    }

    for (entry in Registry.samplers) {
        val sampler = entry.contract
        sharedPromises(entry, sampler, gaussian)

        entryTest(entry, "reports scalar diagnostics; chains from far away descend in energy with a non-zero gradient") {
            TestSupport.withManager { m ->
                val r = sampler.run(gaussian.energy, gaussian.params(m), gaussian.farStart(m, 256), 10, m)
                for (d in listOf(SamplerResult.ACCEPTANCE_RATE, SamplerResult.ENERGY_GAP, SamplerResult.GRAD_NORM)) {
                    withClue(d) { r.diagnostic(d).shape shouldBe Shape() }
                }
                Tensors.scalar(r.diagnostic(SamplerResult.ACCEPTANCE_RATE)) shouldBeGreaterThan 0.0
                Tensors.scalar(r.diagnostic(SamplerResult.ENERGY_GAP)) shouldBeLessThan 0.0
                Tensors.scalar(r.diagnostic(SamplerResult.GRAD_NORM)) shouldBeGreaterThan 0.0
                r.diagnostics().keys shouldBe sampler.diagnosticNames().toSet()
                r.secondsPerStep() shouldBeGreaterThan 0.0
            }
        }
    }

    for (entry in Registry.discreteSamplers) {
        val sampler = entry.contract
        sharedPromises(entry, sampler, binary)

        val claim = (if (entry.metropolisAdjusted) "acceptance in (0, 1]" else "acceptance exactly 1") +
            (if (entry.gradientBased) ", a positive grad_norm" else ", no grad_norm")
        entryTest(entry, "reports scalar diagnostics: $claim; chains from the top descend") {
            TestSupport.withManager { m ->
                val r = sampler.run(binary.energy, binary.params(m), binary.farStart(m, 256), 10, m)
                for (d in sampler.diagnosticNames()) {
                    withClue(d) { r.diagnostic(d).shape shouldBe Shape() }
                }
                val acceptance = Tensors.scalar(r.diagnostic(SamplerResult.ACCEPTANCE_RATE))
                if (entry.metropolisAdjusted) {
                    acceptance shouldBeGreaterThan 0.0
                    acceptance shouldBeLessThanOrEqual 1.0
                } else {
                    acceptance shouldBe 1.0
                }
                Tensors.scalar(r.diagnostic(SamplerResult.ENERGY_GAP)) shouldBeLessThan 0.0
                if (entry.gradientBased) {
                    Tensors.scalar(r.diagnostic(SamplerResult.GRAD_NORM)) shouldBeGreaterThan 0.0
                } else {
                    r.diagnostics() shouldNotContainKey SamplerResult.GRAD_NORM
                }
                r.diagnostics().keys shouldBe sampler.diagnosticNames().toSet()
                r.secondsPerStep() shouldBeGreaterThan 0.0
            }
        }

        entryTest(entry, "rejects a start that is not binary, saying so") {
            TestSupport.withManager { m ->
                val start = binary.farStart(m, 8).duplicate()
                start.set(floatArrayOf(0f, 1f, 0.5f, 1f) + FloatArray(28) { (it % 2).toFloat() })
                val e = shouldThrow<IllegalArgumentException> {
                    sampler.run(binary.energy, binary.params(m), start, 1, m)
                }
                e.message!! shouldContain sampler.name()
                e.message!! shouldContain "binary"
            }
        }

        entryTest(entry, "returns binary states in the start's floating-point type (float64 here)") {
            TestSupport.withManager { m ->
                TestSupport.seed(5)
                val start = FourSiteBoltzmann.highStart(m, 512, DataType.FLOAT64)
                val r = sampler.run(binary.energy, FourSiteBoltzmann.params(m, DataType.FLOAT64), start, 3, m)
                r.samples().dataType shouldBe DataType.FLOAT64
                r.samples().shape shouldBe start.shape
                val values = r.samples().toDoubleArray().toSet()
                withClue("values $values") { values shouldBe setOf(0.0, 1.0) }
            }
        }
    }
})
