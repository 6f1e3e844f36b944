package org.ebmworkbench.dsl.bench

import ai.djl.Device
import ai.djl.engine.Engine
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.eval.GridLogLikelihood
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.HmcSampler
import org.ebmworkbench.engine.sampler.LangevinSampler
import org.ebmworkbench.engine.sampler.MalaSampler
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.tensor.Tensors

/**
 * The bench's figures below whole training steps: the machine's matrix-multiply roofline, MCMC transitions per
 * second of each sampler, and one grid-quadrature evaluation. Energies are MLPs at their initialisation (the cost of
 * a step does not depend on the weights).
 */
class KernelBench(private val device: Device, private val repeats: Int) {

    /** GFLOP/s of a float32 n×n by n×n product (2n³ flops), the roofline for the dense layers. */
    fun matmul(n: Int = 1024, perSample: Int = 10): Measurement = NDManager.newBaseManager(device).use { m ->
        val a = m.randomNormal(Shape(n.toLong(), n.toLong()))
        val b = m.randomNormal(Shape(n.toLong(), n.toLong()))
        fun run() = m.newSubManager().use { sub ->
            var c = a.matMul(b).also { it.attach(sub) }
            repeat(perSample - 1) { c = a.matMul(b).also { it.attach(sub) } }
            c.getFloat(0, 0) // one host read: waits for the device
        }
        val seconds = warmSeconds(repeats) { run() }
        Measurement.of("roofline", "matmul ${n}x$n float32", "GFLOP/s", seconds.map { 2.0 * n * n * n * perSample / it / 1e9 })
    }

    /**
     * Transitions per second of each sampler on 128 chains. Continuous samplers run on the ED 2-D energy (MLP
     * 2-128×4-1, softplus): Langevin and MALA at their DSL default h = 0.01, HMC with ε = 0.05 and 5 leapfrog steps
     * per transition; Gibbs on 32-bit binary states with an MLP 32-256×3-1 (the discrete toys' size, target T10 of
     * docs/methods.md §8.3), one transition being a sweep over the 32 sites.
     */
    fun samplers(steps: Int = 100): List<Measurement> {
        val group = "MCMC (128 chains)"
        val continuous = listOf<Pair<Sampler, String>>(
            LangevinSampler.builder().optStepSize(0.01).build() to "1 gradient per step",
            MalaSampler.builder().optStepSize(0.01).build() to "1 gradient + MH test per step",
            HmcSampler.builder().optStepSize(0.05).optLeapfrogSteps(5).build() to "a step = 5 leapfrog steps + MH test",
        )
        val energy = edEnergy()
        val out = continuous.map { (sampler, note) ->
            rate(group, sampler, energy, 2, steps, binary = false, note = "ED 2-D energy; $note")
        }
        val binaryEnergy = MlpEnergy.builder().setInputDim(32).setHidden(256, 256, 256).build()
        return out + rate(group, GibbsSampler.builder().build(), binaryEnergy, 32, maxOf(1, steps / 10), binary = true,
            note = "32 binary sites, MLP 32-256x3-1; a step = one sweep of 32 site updates")
    }

    private fun rate(group: String, sampler: Sampler, energy: MlpEnergy, dim: Int, steps: Int, binary: Boolean, note: String) =
        NDManager.newBaseManager(device).use { m ->
            Engine.getInstance().setRandomSeed(0)
            val params = energy.initialize(m)
            val shape = Shape(CHAINS, dim.toLong())
            val start = if (binary) m.randomUniform(0f, 1f, shape).lt(0.5f).toType(DataType.FLOAT32, false) else m.randomNormal(shape)
            fun run() = m.newSubManager().use { sub ->
                val r = sampler.run(energy, params, start, steps, sub)
                r.samples().getFloat(0, 0)
            }
            val seconds = warmSeconds(repeats) { run() }
            Measurement.of(group, sampler.name(), "steps/s", rates(steps, seconds), note = note)
        }

    /**
     * Seconds of one test-log-likelihood evaluation by quadrature on a 300×300 grid over [−6, 6]² (the grid metric's
     * default, self-check off: the final evaluation adds two such quadratures) for 10 000 test points.
     */
    fun gridEvaluation(): Measurement = NDManager.newBaseManager(device).use { m ->
        val energy = edEnergy()
        val params = energy.initialize(m)
        val test = ToyDatasets.byName("gaussians25").sample(10_000, 1L)
        val testData = Tensors.fromRows(m, test.toArray(), test.size(), test.dim())
        val grid = GridLogLikelihood(6.0, 300, false)
        val seconds = warmSeconds(repeats) { grid.evaluate(energy, params, testData).logLikelihood() }
        Measurement.of("evaluation", "grid log-likelihood 300x300", "s", seconds,
            note = "MLP 2-128x4-1, 10 000 test points, no self-check")
    }

    /** The MLP of the ED 2-D setting, the energy the continuous figures run on. */
    private fun edEnergy(): MlpEnergy = MlpEnergy.builder().setInputDim(2).setHidden(*BenchSize.ED_2D.hidden).build()

    private companion object {
        const val CHAINS = 128L
    }
}
