package org.ebmworkbench.engine.contract

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.sampler.EnumeratedBinaryModel
import org.ebmworkbench.engine.sampler.FiveSiteIsing
import org.ebmworkbench.engine.sampler.FourSiteBoltzmann
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.sampler.chiSquare
import org.ebmworkbench.engine.tensor.Parameters
import java.util.Locale

/** A binary target of the law test: an engine energy with fixed parameters and its enumeration. */
private class BinaryTarget(
    val name: String,
    val energy: EnergyModel,
    val params: (NDManager) -> Parameters,
    val model: EnumeratedBinaryModel,
)

/**
 * The law of every registered discrete sampler, on two enumerable targets: the Boltzmann machine of
 * [FourSiteBoltzmann] (16 states, probabilities 0.007 to 0.26) and the engine's Ising energy on the 5-site model of
 * [FiveSiteIsing] (32 states).
 *
 * 8192 chains start at independent uniform draws from {0, 1}^D and run the entry's steps; the counts of the states are
 * compared with the exact law (enumeration, double precision) by Pearson's chi-square statistic
 * X² = Σ (O − N p)² / (N p). The chains are independent (own start, own randomness), so the counts are multinomial and,
 * if the chains are at the law, X² follows χ² with 2^D − 1 degrees of freedom (the fixture test checks every expected
 * count is at least 5). The test passes below the α = 0.001 critical value (the 0.999 quantile: 37.70 for 15 degrees
 * of freedom, 61.10 for 31): a correct sampler fails it once in a thousand seeds, and the seed is fixed.
 *
 * Chains that have not quite converged make X² non-central with λ = N Σ (q − p)² / p for their law q. For every entry
 * the exact law after its steps from the uniform start is computed on the host by applying the sampler's own kernel
 * ([org.ebmworkbench.engine.sampler.BinaryKernel]: systematic or random-scan sweeps, GWG's MH flip) and must have
 * λ < 1e-3: the test's size stays α. A sampler with a wrong law has λ ≈ N·χ²(q, p), e.g. 1.3e4 for the uniform law on
 * the 4-site machine, and more for the law of exp(+E), which a sampler with the sign of the energy flipped samples:
 * X² then exceeds the critical value with probability indistinguishable from 1. Both are checked, so the test has power.
 */
class DiscreteSamplerLawTest : FunSpec({
    val chains = 8192
    val critical = mapOf(16 to 37.70, 32 to 61.10)
    val targets = listOf(
        BinaryTarget("4-site Boltzmann machine", FourSiteBoltzmann.energy, { FourSiteBoltzmann.params(it) }, FourSiteBoltzmann.model),
        BinaryTarget("5-site Ising", FiveSiteIsing.energy, FiveSiteIsing::params, FiveSiteIsing.model),
    )

    /** The target with E replaced by −E: sampling it is sampling E with the sign of every energy difference flipped. */
    fun negated(energy: EnergyModel) = object : EnergyModel by energy {
        override fun energy(params: Parameters, x: NDArray): NDArray = energy.energy(params, x).neg()
    }

    fun counts(samples: NDArray, sites: Int): LongArray {
        val v = samples.toType(DataType.FLOAT32, false).toFloatArray()
        val counts = LongArray(1 shl sites)
        for (row in 0 until v.size / sites) {
            var s = 0
            for (i in 0 until sites) if (v[sites * row + i] == 1f) s = s or (1 shl i)
            counts[s]++
        }
        return counts
    }

    fun counts(sampler: Sampler, target: BinaryTarget, energy: EnergyModel, steps: Int, seed: Int): LongArray =
        TestSupport.withManager { m ->
            TestSupport.seed(seed)
            val sites = target.model.sites.toLong()
            val start = m.randomUniform(0f, 1f, Shape(chains.toLong(), sites)).lt(0.5f).toType(DataType.FLOAT32, false)
            counts(sampler.run(energy, target.params(m), start, steps, m).samples(), target.model.sites)
        }

    fun fmt(x: Double) = String.format(Locale.ROOT, "%.3g", x)

    test("fixtures: probabilities differ by more than 10x, every expected count is at least 5") {
        for (t in targets) withClue(t.name) {
            val p = t.model.law
            println("fixture ${t.name}: p from ${fmt(p.min())} to ${fmt(p.max())}")
            p.max() / p.min() shouldBeGreaterThan 10.0
            p.min() * chains shouldBeGreaterThan 5.0
        }
    }

    for (entry in Registry.discreteSamplers) {
        entryTest(entry, "fixture: ${entry.sweeps} exact steps of its kernel from uniform starts reach each target's law") {
            for (t in targets) withClue(t.name) {
                val q = entry.kernel.lawAfter(t.model, t.model.uniformLaw, entry.sweeps)
                val lambda = t.model.nonCentrality(q, chains)
                println("fixture [$entry] ${t.name}: non-centrality after ${entry.sweeps} steps ${fmt(lambda)}")
                lambda shouldBeLessThan 1e-3
            }
        }
    }

    Registry.discreteSamplers.forEachIndexed { index, entry ->
        targets.forEachIndexed { targetIndex, target ->
            val seed = 700 + 10 * index + 100 * targetIndex
            val limit = critical.getValue(target.model.states)

            entryTest(entry, "on the ${target.name}: after ${entry.sweeps} steps from uniform starts passes a chi-square test against the law") {
                val observed = counts(entry.contract, target, target.energy, entry.sweeps, seed)
                val x2 = chiSquare(observed, target.model.law)
                val x2Uniform = chiSquare(observed, target.model.uniformLaw)
                println("law [$entry] ${target.name}: X² = ${fmt(x2)} against the law, ${fmt(x2Uniform)} against uniform; critical $limit")
                withClue("X² against the law, counts ${observed.toList()}") { x2 shouldBeLessThan limit }
                withClue("power: the same counts reject the uniform law") { x2Uniform shouldBeGreaterThan limit }
            }

            entryTest(entry, "on the ${target.name}, power: chains on −E fail the test") {
                val flipped = counts(entry.contract, target, negated(target.energy), entry.sweeps, seed + 1)
                val x2 = chiSquare(flipped, target.model.law)
                println("law [$entry] ${target.name} sign flipped: X² = ${fmt(x2)} against the law (critical $limit)")
                x2 shouldBeGreaterThan limit
            }
        }
    }
})
