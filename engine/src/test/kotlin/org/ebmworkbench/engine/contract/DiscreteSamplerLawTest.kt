package org.ebmworkbench.engine.contract

import ai.djl.ndarray.NDArray
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.sampler.FourSiteBoltzmann
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.sampler.chiSquare
import org.ebmworkbench.engine.tensor.Parameters
import java.util.Locale

/**
 * The law of every registered discrete sampler, on the Boltzmann machine of [FourSiteBoltzmann] (16 states,
 * probabilities 0.007 to 0.26).
 *
 * 8192 chains start at independent uniform draws from {0, 1}⁴ and run the entry's sweeps; the counts of the 16
 * states are compared with the exact law (enumeration, double precision) by Pearson's chi-square statistic
 * X² = Σ (O − N p)² / (N p). The chains are independent (own start, own randomness), so the counts are multinomial and,
 * if the chains are at the law, X² follows χ² with 15 degrees of freedom (the expected counts, at least 57, are far
 * above the usual 5 for that approximation). The test passes below the α = 0.001 critical value, the 0.999 quantile of
 * χ²₁₅, 37.70: a correct sampler fails it once in a thousand seeds, and the seed is fixed.
 *
 * Chains that have not quite converged make X² non-central with λ = N Σ (q − p)² / p for their law q. For Gibbs,
 * the exact law after 20 systematic-scan sweeps from the uniform start (the sweep's 16 x 16 kernel applied on the
 * host, checked below) has λ ≈ 7e-10: the test's size stays α. A sampler with a wrong law has λ ≈ N·χ²(q, p),
 * e.g. 1.3e4 for the uniform law and 9e4 for the law of exp(+E), which a sampler with the sign of the energy
 * difference flipped (p(x_i = 1 | rest) = σ(E(x¹) − E(x⁰))) samples: X² then exceeds 37.70 with probability
 * indistinguishable from 1. Both are checked, so the test has power.
 */
class DiscreteSamplerLawTest : FunSpec({
    val chains = 8192
    val critical = 37.70
    val target = FourSiteBoltzmann

    /** The target with E replaced by −E: Gibbs on it is Gibbs on E with the conditional's sign flipped. */
    val negated = object : EnergyModel by target.energy {
        override fun energy(params: Parameters, x: NDArray): NDArray = target.energy.energy(params, x).neg()
    }

    fun counts(sampler: Sampler, energy: EnergyModel, sweeps: Int, seed: Int): LongArray = TestSupport.withManager { m ->
        TestSupport.seed(seed)
        target.counts(sampler.run(energy, target.params(m), target.uniformStart(m, chains), sweeps, m).samples())
    }

    fun fmt(x: Double) = String.format(Locale.ROOT, "%.3g", x)

    test("fixture: probabilities differ by more than 10x; 20 exact Gibbs sweeps from uniform starts reach the law") {
        val p = target.law
        p.max() / p.min() shouldBeGreaterThan 10.0
        p.min() * chains shouldBeGreaterThan 5.0
        val q = target.lawAfterSweeps(target.uniformLaw, 20)
        val lambda = chains * q.indices.sumOf { (q[it] - p[it]) * (q[it] - p[it]) / p[it] }
        println("fixture: p from ${fmt(p.min())} to ${fmt(p.max())}; non-centrality after 20 sweeps $lambda")
        lambda shouldBeLessThan 1e-3
    }

    Registry.discreteSamplers.forEachIndexed { index, entry ->
        val seed = 700 + 10 * index

        entryTest(entry, "after ${entry.sweeps} sweeps from uniform starts passes a chi-square test against the law") {
            val observed = counts(entry.contract, target.energy, entry.sweeps, seed)
            val x2 = chiSquare(observed, target.law)
            val x2Uniform = chiSquare(observed, target.uniformLaw)
            println("law [$entry] X² = ${fmt(x2)} against the law, ${fmt(x2Uniform)} against uniform; critical $critical")
            withClue("X² against the law, counts ${observed.toList()}") { x2 shouldBeLessThan critical }
            withClue("power: the same counts reject the uniform law") { x2Uniform shouldBeGreaterThan critical }
        }

        entryTest(entry, "power: chains of the sign-flipped conditional (Gibbs on −E) fail the test") {
            val flipped = counts(entry.contract, negated, entry.sweeps, seed + 1)
            val x2 = chiSquare(flipped, target.law)
            println("law [$entry] sign flipped: X² = ${fmt(x2)} against the law (critical $critical)")
            x2 shouldBeGreaterThan critical
        }
    }
})
