package org.ebmworkbench.dsl.bench

import ai.djl.Device
import ai.djl.engine.Engine
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDArrays
import ai.djl.ndarray.NDList
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import org.ebmworkbench.engine.data.LatticeIsing
import org.ebmworkbench.engine.energy.Activation
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.IsingEnergy
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.eval.EffectiveSampleSize
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.GibbsWithGradientsSampler
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors

/**
 * Gibbs against Gibbs-with-Gradients on two binary targets: the D = 100 lattice Ising model (n = 10, σ = 0.25, its
 * TRUE couplings as the energy, no training) and the 32-bit MLP 32-256×3-1 SiLU of the Gray-code toys, randomly
 * initialised with seed 0 (untrained). A sweep is D site updates for Gibbs (one systematic scan) and D proposed
 * flips for GWG, so both make D site decisions per sweep.
 *
 * Per sampler and target: sweeps per second (one run of [sweeps] sweeps, one host read at its end); ESS per second
 * = (ESS per traced sweep) × sweeps/s, the ESS being [EffectiveSampleSize.mean] (the estimator of the
 * `ess_per_second` metric) of the chains' energy E(x), recorded after each of [sweeps] sweeps after [burnIn] sweeps;
 * ESS per energy evaluation, counting per chain 2D forward passes per Gibbs sweep (both values of each site) and D
 * forward-and-backward passes per GWG sweep.
 */
class DiscreteBench(
    private val device: Device,
    private val repeats: Int,
    private val chains: Int,
    private val sweeps: Int,
    private val burnIn: Int,
) {
    private class Target(val label: String, val energy: EnergyModel, val params: (NDManager) -> Parameters)

    fun measure(): List<Measurement> {
        val ising = LatticeIsing.builder().setSide(10).setSigma(0.25).setSamples(1).build()
        val targets = listOf(
            Target("Ising D=100 σ=0.25 true J", IsingEnergy.builder().setInputDim(ising.dim()).build()) { m ->
                val d = ising.dim()
                val j = Tensors.fromRows(m, ising.couplings().flatMap { row -> row.map { it.toFloat() } }.toFloatArray(), d, d)
                Parameters.builder().add(IsingEnergy.WEIGHT, j)
                    .add(IsingEnergy.BIAS, m.zeros(Shape(d.toLong()))).build()
            },
            MlpEnergy.builder().setInputDim(32).setHidden(256, 256, 256).optActivation(Activation.SILU).build()
                .let { e -> Target("MLP 32-256x3-1 SiLU, seed-0 init", e) { m -> e.initialize(m) } },
        )
        return targets.flatMap { measure(it) }
    }

    private fun measure(target: Target): List<Measurement> {
        val group = "discrete MCMC ($chains chains; a sweep = D site updates (Gibbs) or D proposed flips (GWG))"
        val d = target.energy.inputDim()
        val samplers = listOf<Pair<Sampler, Int>>(GibbsSampler.builder().build() to 1, GibbsWithGradientsSampler.builder().build() to d)
        val rows = samplers.map { (sampler, stepsPerSweep) -> SamplerFigures(sampler, stepsPerSweep, target) }
            .map { it.measure() }
        val gibbs = rows[0]
        val evaluations = listOf(2.0 * d, d.toDouble())
        return rows.flatMapIndexed { i, r ->
            val name = r.sampler
            val gibbsEss = Measurement.of(group, "", "", gibbs.essPerSecond)
            val essRow = Measurement.of(group, "$name ESS/s, ${target.label}", "ESS/s", r.essPerSecond,
                note = "ESS of E(x), mean over chains, ${r.essPerSweep.format()} per sweep")
            listOf(
                Measurement.of(group, "$name sweeps/s, ${target.label}", "sweeps/s", r.sweepsPerSecond),
                if (i == 0) essRow else essRow.copy(reference = "${gibbs.sampler} ESS/s, ${target.label}",
                    ratio = essRow.median / gibbsEss.median),
                Measurement.of(group, "$name ESS per 1000 energy evaluations, ${target.label}", "ESS/1e3 ev",
                    listOf(1000 * r.essPerSweep / evaluations[i]),
                    note = if (i == 0) "2D forward passes per chain and sweep" else "D forward+backward passes per chain and sweep"),
            )
        }
    }

    private class Figures(val sampler: String, val sweepsPerSecond: List<Double>, val essPerSweep: Double) {
        val essPerSecond: List<Double> get() = sweepsPerSecond.map { it * essPerSweep }
    }

    private inner class SamplerFigures(val sampler: Sampler, val stepsPerSweep: Int, val target: Target) {
        fun measure(): Figures = NDManager.newBaseManager(device).use { m ->
            Engine.getInstance().setRandomSeed(0)
            val params = target.params(m)
            val d = target.energy.inputDim()
            val start = m.randomUniform(0f, 1f, Shape(chains.toLong(), d.toLong())).lt(0.5f).toType(DataType.FLOAT32, false)
            val seconds = warmSeconds(repeats) {
                m.newSubManager().use { sub ->
                    sampler.run(target.energy, params, start, sweeps * stepsPerSweep, sub).samples().getFloat(0, 0)
                }
            }
            Figures(sampler.name(), rates(sweeps, seconds), essPerSweep(m, params, start) / sweeps)
        }

        /** The ESS of E(x) over [sweeps] recorded sweeps after [burnIn]: one run per sweep, the trace kept on the device. */
        private fun essPerSweep(m: NDManager, params: Parameters, start: NDArray): Double = m.newSubManager().use { sub ->
            var x = sampler.run(target.energy, params, start, maxOf(1, burnIn) * stepsPerSweep, sub).samples()
            val trace = NDList()
            repeat(sweeps) {
                x = sampler.run(target.energy, params, x, stepsPerSweep, sub).samples()
                trace.add(target.energy.energy(params, x).stopGradient().expandDims(0))
            }
            EffectiveSampleSize.mean(NDArrays.concat(trace)).getDouble()
        }
    }

    private fun Double.format() = String.format(java.util.Locale.ROOT, "%.3f", this)
}
