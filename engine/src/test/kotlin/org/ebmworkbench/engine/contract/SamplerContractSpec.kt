package org.ebmworkbench.engine.contract

import ai.djl.engine.Engine
import ai.djl.ndarray.NDScope
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.sampler.CorrelatedGaussian
import org.ebmworkbench.engine.sampler.SamplerResult
import org.ebmworkbench.engine.tensor.Tensors

/**
 * What every registered sampler promises besides its law: the parameters' gradients untouched, no leaked tensors,
 * results owned by the caller's scope, scalar diagnostics that make sense, a clear error inside a collector.
 */
class SamplerContractSpec : FunSpec({
    val target = CorrelatedGaussian

    fun closeResult(r: SamplerResult) {
        r.samples().close()
        r.diagnostics().values.forEach { it.close() }
    }

    for (entry in Registry.samplers) {
        val sampler = entry.contract

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

        entryTest(entry, "reports scalar diagnostics; chains from far away descend in energy with a non-zero gradient") {
            TestSupport.withManager { m ->
                val r = sampler.run(target.energy, target.params(m), target.farStart(m, 256), 10, m)
                for (d in listOf(SamplerResult.ACCEPTANCE_RATE, SamplerResult.ENERGY_GAP, SamplerResult.GRAD_NORM)) {
                    withClue(d) { r.diagnostic(d).shape shouldBe Shape() }
                }
                Tensors.scalar(r.diagnostic(SamplerResult.ACCEPTANCE_RATE)) shouldBeGreaterThan 0.0
                Tensors.scalar(r.diagnostic(SamplerResult.ENERGY_GAP)) shouldBeLessThan 0.0
                Tensors.scalar(r.diagnostic(SamplerResult.GRAD_NORM)) shouldBeGreaterThan 0.0
                r.secondsPerStep() shouldBeGreaterThan 0.0
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
})
