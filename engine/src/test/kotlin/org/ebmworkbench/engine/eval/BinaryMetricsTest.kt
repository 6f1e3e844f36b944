package org.ebmworkbench.engine.eval

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.data.LatticeIsing
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.PairwiseCouplings
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.proposal.BernoulliProposal
import org.ebmworkbench.engine.tensor.Parameters
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.sqrt

/**
 * The metrics of discrete EBMs against closed forms. The energies are [QuadraticEnergy]s read on binary x: with a
 * diagonal factor L = diag(l) the bits are independent, E(x) = ½ Σ l_i² (x_i − μ_i)², so
 * log Z = Σ_i log(exp(−½ l_i² μ_i²) + exp(−½ l_i² (1 − μ_i)²)); a full L couples them.
 */
class BinaryMetricsTest : FunSpec({
    val dim = 10
    val mu = DoubleArray(dim) { 0.1 + 0.08 * it }
    val l = DoubleArray(dim) { 0.5 + 0.25 * it }

    fun independentBits(m: NDManager): Parameters {
        val factor = FloatArray(dim * dim)
        for (i in 0 until dim) factor[i * dim + i] = l[i].toFloat()
        return Parameters.builder().add(QuadraticEnergy.MEAN, m.create(mu.map { it.toFloat() }.toFloatArray()))
            .add(QuadraticEnergy.FACTOR, m.create(factor, Shape(dim.toLong(), dim.toLong()))).build()
    }

    val exactLogZ = (0 until dim).sumOf { i ->
        ln(exp(-0.5 * l[i] * l[i] * mu[i] * mu[i]) + exp(-0.5 * l[i] * l[i] * (1 - mu[i]) * (1 - mu[i])))
    }
    val energy = QuadraticEnergy(dim, true)

    fun binaryRows(m: NDManager, n: Int, seed: Int): NDArray {
        TestSupport.seed(seed)
        return BernoulliProposal(m, DoubleArray(dim) { 0.2 + 0.06 * it }).sample(m, n)
    }

    test("nll_exact: log Z by enumeration equals the closed form of independent bits; NLL = mean E + log Z") {
        TestSupport.withManager { m ->
            val p = independentBits(m)
            ExactBinaryNll().logPartition(energy, p, m) shouldBe (exactLogZ plusOrMinus 1e-4)
            val test = binaryRows(m, 500, 3)
            val meanEnergy = energy.energy(p, test).mean().getFloat().toDouble()
            ExactBinaryNll().evaluate(energy, p, test) shouldBe (meanEnergy + exactLogZ plusOrMinus 1e-4)
        }
    }

    test("nll_exact covers every state once, in chunks, and refuses D > 20 with a message naming the metric") {
        TestSupport.withManager { m ->
            val states = ExactBinaryNll.states(m, 0, 1L shl 12, 12).toFloatArray()
            val seen = HashSet<Int>()
            for (k in 0 until (1 shl 12)) seen += (0 until 12).sumOf { j -> states[k * 12 + j].toInt() shl j }
            seen.size shouldBe (1 shl 12)
            // A chunk boundary falls inside the 2^17 states of D = 17: the same closed form must come out.
            val d = 17
            val wide = QuadraticEnergy(d, false)
            val logZ = ExactBinaryNll().logPartition(wide, wide.initialize(m), m)
            logZ shouldBe (d * ln(1 + exp(-0.5)) plusOrMinus 1e-3)
            shouldThrow<IllegalArgumentException> { ExactBinaryNll.checkDim(21) }.message shouldContain "nll_exact"
        }
    }

    test("nll_is agrees with nll_exact within its standard error on a coupled energy, and its SE is honest") {
        TestSupport.withManager { m ->
            TestSupport.seed(41)
            val factor = m.randomNormal(0f, 0.6f, Shape(dim.toLong(), dim.toLong()), ai.djl.ndarray.types.DataType.FLOAT32)
            val p = Parameters.builder().add(QuadraticEnergy.MEAN, m.create(mu.map { it.toFloat() }.toFloatArray()))
                .add(QuadraticEnergy.FACTOR, factor).build()
            val test = binaryRows(m, 400, 4)
            val exact = ExactBinaryNll().evaluate(energy, p, test)
            val replicates = (0 until 20).map { UniformIsNll(4000).evaluate(energy, p, test) }
            val estimates = replicates.map { it.nll }
            val mean = estimates.average()
            val sd = sqrt(estimates.sumOf { (it - mean) * (it - mean) } / (estimates.size - 1))
            val reportedSe = replicates.map { it.logZStandardError }.average()
            withClue("mean of 20 estimates within 4 SE of the exact NLL") { abs(mean - exact) shouldBeLessThan 4 * sd / sqrt(20.0) + 1e-4 }
            withClue("reported SE $reportedSe against the spread $sd") { reportedSe / sd shouldBe (1.0 plusOrMinus 0.5) }
        }
    }

    test("mmd_hamming matches a direct double sum, is ≈ 0 for one distribution and clearly positive for two") {
        TestSupport.withManager { m ->
            val x = binaryRows(m, 30, 5)
            val y = binaryRows(m, 20, 6)
            val xs = x.toFloatArray()
            val ys = y.toFloatArray()
            fun k(a: FloatArray, i: Int, b: FloatArray, j: Int) = exp(-0.1 * (0 until dim).count { a[i * dim + it] != b[j * dim + it] })
            var kxx = 0.0; var kyy = 0.0; var kxy = 0.0
            for (i in 0 until 30) for (j in 0 until 30) if (i != j) kxx += k(xs, i, xs, j)
            for (i in 0 until 20) for (j in 0 until 20) if (i != j) kyy += k(ys, i, ys, j)
            for (i in 0 until 30) for (j in 0 until 20) kxy += k(xs, i, ys, j)
            val direct = kxx / (30 * 29) + kyy / (20 * 19) - 2 * kxy / (30 * 20)
            HammingMmd(0.1).evaluate(x, y) shouldBe (direct plusOrMinus 1e-9)

            val mmd = HammingMmd(HammingMmd.DEFAULT_BANDWIDTH)
            val null20 = (0 until 10).map { mmd.evaluate(binaryRows(m, 800, 100 + it), binaryRows(m, 800, 200 + it)) }
            val mean = null20.average()
            val sd = sqrt(null20.sumOf { (it - mean) * (it - mean) } / 9)
            withClue("null mean $mean, sd $sd") { abs(mean) shouldBeLessThan 4 * sd / sqrt(10.0) }
            TestSupport.seed(7)
            val shifted = BernoulliProposal(m, DoubleArray(dim) { 0.35 + 0.03 * it }).sample(m, 800)
            withClue("power") { mmd.evaluate(binaryRows(m, 800, 8), shifted) shouldBeGreaterThan 10 * sd }
        }
    }

    test("log_rmse_J: −∞ for the truth (also before symmetrisation), log(σ√(4/D)) for Ĵ = 0, log|c| for J + c") {
        val lattice = LatticeIsing.builder().setSide(5).setSigma(0.25).setSamples(1).build()
        val truth = lattice.couplings()
        val d = lattice.dim()
        val fixed = object : PairwiseCouplings {
            override fun couplings(params: Parameters): NDArray = params.get("J")
        }
        TestSupport.withManager { m ->
            val truthArray = m.create(truth.flatMap { row -> row.map { it.toFloat() } }.toFloatArray(), Shape(d.toLong(), d.toLong()))
            fun score(j: NDArray) = CouplingLogRmse().evaluate(fixed, Parameters.builder().add("J", j).build(), truthArray)
            score(truthArray) shouldBe Double.NEGATIVE_INFINITY
            // Upper triangle doubled, lower zeroed: the symmetric part is the truth.
            val upper = m.create(FloatArray(d * d) { k -> if (k % d > k / d) 2 * truth[k / d][k % d].toFloat() else 0f }, Shape(d.toLong(), d.toLong()))
            score(upper) shouldBe Double.NEGATIVE_INFINITY
            val zero = score(truthArray.zerosLike())
            zero shouldBe (ln(0.25 * sqrt(4.0 / d)) plusOrMinus 1e-6)
            zero shouldBe (CouplingLogRmse.zeroEstimate(truth) plusOrMinus 1e-6)
            zero shouldBe (ln(lattice.zeroEstimateRmse()) plusOrMinus 1e-6)
            score(truthArray.add(0.03f)) shouldBe (ln(0.03) plusOrMinus 1e-4)
        }
    }

    test("ESS of an i.i.d. chain is about its length; of an AR(1) chain about n(1 − ρ)/(1 + ρ); of a constant chain 1") {
        TestSupport.withManager { m ->
            val rng = java.util.SplittableRandom(12)
            val n = 4000
            val chains = 40
            val iid = FloatArray(n * chains) { TestSupport.gaussian(rng).toFloat() }
            val iidEss = EffectiveSampleSize.mean(m.create(iid, Shape(n.toLong(), chains.toLong()))).getDouble()
            iidEss / n shouldBe (1.0 plusOrMinus 0.1)
            val rho = 0.9
            val ar = FloatArray(n * chains)
            for (c in 0 until chains) {
                var v = TestSupport.gaussian(rng) / sqrt(1 - rho * rho)
                for (t in 0 until n) {
                    v = rho * v + TestSupport.gaussian(rng)
                    ar[t * chains + c] = v.toFloat()
                }
            }
            val arEss = EffectiveSampleSize.mean(m.create(ar, Shape(n.toLong(), chains.toLong()))).getDouble()
            arEss / (n * (1 - rho) / (1 + rho)) shouldBe (1.0 plusOrMinus 0.1)
            EffectiveSampleSize.perChain(m.ones(Shape(50, 3))).toDoubleArray().toList() shouldBe listOf(1.0, 1.0, 1.0)
        }
    }

    test("sampler efficiency of Gibbs: its ESS is at most the kept length, and it counts 2D rows per chain per sweep") {
        TestSupport.withManager { m ->
            TestSupport.seed(13)
            val p = independentBits(m)
            val steps = 200
            val result = SamplerEfficiency.builder().optChains(16).build()
                .evaluate(org.ebmworkbench.engine.sampler.GibbsSampler.builder().build(), energy, p, steps, m)
            result.keptSteps() shouldBe 100
            // One run of 100 sweeps: 2 rows (x⁰, x¹) per site and chain, plus the start states' energies.
            result.energyEvaluations() shouldBe (2.0 * dim * 100 + 1)
            // Independent bits: a Gibbs sweep draws every bit afresh, so the chain is i.i.d. and ESS ≈ 100.
            result.ess() shouldBe (100.0 plusOrMinus 25.0)
            result.essPerSecond() shouldBeGreaterThan 0.0
            result.essPerEnergyEvaluation() shouldBe (result.ess() / result.energyEvaluations() plusOrMinus 1e-12)
        }
    }
})
