package org.ebmworkbench.engine.objective

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.energy.IsingEnergy
import org.ebmworkbench.engine.perturbation.BernoulliPerturbation
import org.ebmworkbench.engine.perturbation.NeighbourhoodPerturbation
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.sampler.EnumeratedBinaryModel
import org.ebmworkbench.engine.sampler.FiveSiteIsing
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.GibbsWithGradientsSampler
import org.ebmworkbench.engine.sampler.UniformBits
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors
import org.ebmworkbench.engine.train.OptimizerConfig
import org.ebmworkbench.engine.train.Trainer
import org.ebmworkbench.engine.train.TrainingResult
import java.util.SplittableRandom
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.ln

/** n exact draws from an enumerated law, as binary rows (host inverse-CDF sampling). */
private fun exactDraws(model: EnumeratedBinaryModel, n: Int, seed: Long): Dataset {
    val rng = SplittableRandom(seed)
    val cdf = model.law.runningReduce { a, b -> a + b }
    val v = FloatArray(n * model.sites)
    for (i in 0 until n) {
        val u = rng.nextDouble()
        val s = cdf.indexOfFirst { u < it }.let { if (it < 0) model.states - 1 else it }
        for (j in 0 until model.sites) v[i * model.sites + j] = ((s shr j) and 1).toFloat()
    }
    return Dataset.of(v, n, model.sites)
}

/** Couplings (upper triangle, row-major) and bias of a fitted Ising energy, on the host. */
private class IsingFit(val couplings: DoubleArray, val bias: DoubleArray, val normaliser: Double?)

/** Trains [IsingEnergy] on [data] with [objective] (Adam, EMA 0.99 of the parameters) and reads the fit. */
private fun fit(objective: Objective, data: Dataset, proposal: Proposal, steps: Long, batch: Int, lr: Double,
                seed: Long, normaliser: String? = null, ema: Double = 0.99): IsingFit = TestSupport.withManager { m ->
    val d = data.dim()
    val energy = IsingEnergy.builder().setInputDim(d).build()
    val result = Trainer.builder().setEnergy(energy).setObjective(objective).optProposal(proposal).setData(data)
        .optBatchSize(batch).setSteps(steps).optOptimizer(OptimizerConfig.adam(lr)).optEma(ema).optSeed(seed)
        .optLogEvery(steps.toInt()).build().train(m)
    result.outcome() shouldBe TrainingResult.Outcome.COMPLETED
    val p: Parameters = result.evaluationParameters()
    val j = energy.couplings(p).toFloatArray()
    val upper = (0 until d).flatMap { a -> (a + 1 until d).map { b -> j[a * d + b].toDouble() } }.toDoubleArray()
    IsingFit(upper, energy.bias(p).toFloatArray().map { it.toDouble() }.toDoubleArray(),
        normaliser?.let { Tensors.scalar(p.get(it)) })
}

private fun maxError(a: DoubleArray, b: DoubleArray) = a.indices.maxOf { abs(a[it] - b[it]) }

/**
 * The objectives of discrete data recover an Ising model.
 *
 * Recovery: 4096 exact draws of the 5-site Ising of [FiveSiteIsing] (10 couplings from −0.2 to 0.2, 5 biases), fitted
 * with the engine's Ising energy by ED with the Bernoulli and the grid perturbation, PCD with Gibbs and with
 * Gibbs-with-Gradients, and NCE with uniform noise on {0, 1}⁵. Each is consistent, so its couplings and biases end
 * within 0.1 of the truth: the maximum-likelihood standard errors at this n are about 0.01 (Fisher information ≈ 4n
 * per coupling), so 0.1 leaves room for the less efficient estimators and the optimiser's noise, while a wrong sign or
 * a missing factor of 2 in any of them (couplings of 0.2) fails.
 *
 * T2: on the 3 x 3 periodic Ising model (9 spins, 512 states, J = 0.25·A for the lattice adjacency A, b = 0), SNL with
 * the uniform proposal on {0, 1}⁹ converges to the exact maximum-likelihood estimate of this sample and its bias to the
 * log-normaliser of that estimate. The MLE is computed by enumeration: gradient ascent of the concave log-likelihood
 * (moment matching) on the host to a gradient below 1e-9. SNL's objective is jointly concave in J, the bias and its
 * normaliser for an exponential family and its stochastic gradient unbiased; what remains is the noise of the importance estimate of Z
 * (16 384 proposal samples per step, Adam at 0.01 for 6000 steps, EMA 0.999). Tolerances: 0.02 on J and b (MLE
 * entries differ from the truth by up to 0.13, so a fit of the truth instead of this sample's MLE fails), and 0.05
 * between SNL's normaliser and log Z, of the MLE and of SNL's own fit (by enumeration). log Z is the sensitive one: it
 * moves by Σ 2E[sᵢsₖ]·ΔJᵢₖ over the 36 couplings, and, being convex in J, the EMA of the normalisers along the noisy
 * path exceeds log Z of the EMA path (by 0.045 with 4096 proposal samples, 0.03 with 16 384 in trial runs).
 */
class DiscreteRecoveryTest : FunSpec({
    val data = exactDraws(FiveSiteIsing.model, 4096, seed = 31)
    val truthCouplings = (0 until 5).flatMap { a -> (a + 1 until 5).map { b -> FiveSiteIsing.couplings[a][b] } }.toDoubleArray()

    fun shouldRecover(name: String, f: IsingFit) = withClue(name) {
        println("recovery [$name]: max |ΔJ| = ${maxError(f.couplings, truthCouplings)}, max |Δb| = ${maxError(f.bias, FiveSiteIsing.bias)}")
        withClue("couplings ${f.couplings.toList()}") { maxError(f.couplings, truthCouplings) shouldBeLessThan 0.1 }
        withClue("bias ${f.bias.toList()}") { maxError(f.bias, FiveSiteIsing.bias) shouldBeLessThan 0.1 }
    }

    test("ED with the Bernoulli and the grid perturbation recovers the 5-site Ising") {
        val bern = EnergyDiscrepancy.builder().optPerturbation(BernoulliPerturbation.builder().optEpsilon(0.2).build()).optM(32).build()
        shouldRecover("ED-Bernoulli", fit(bern, data, UniformBits(5), 600, 1024, 0.05, 1))
        val grid = EnergyDiscrepancy.builder().optPerturbation(NeighbourhoodPerturbation.builder().build()).optM(32).build()
        shouldRecover("ED-grid", fit(grid, data, UniformBits(5), 600, 1024, 0.05, 2))
    }

    test("PCD with Gibbs and with Gibbs-with-Gradients recovers the 5-site Ising") {
        for ((name, sampler, k) in listOf(Triple("PCD-Gibbs", GibbsSampler.builder().build(), 2),
            Triple("PCD-GWG", GibbsWithGradientsSampler.builder().build(), 10))) {
            val pcd = ContrastiveDivergence.builder().setSampler(sampler).optSteps(k)
                .optChainInit(ContrastiveDivergence.ChainInit.PERSISTENT).build()
            shouldRecover(name, fit(pcd, data, UniformBits(5), 600, 1024, 0.02, 3))
        }
    }

    test("NCE with uniform noise on {0, 1}⁵ recovers the 5-site Ising") {
        val nce = NoiseContrastiveEstimation.builder().optNoisePerDatum(4).build()
        shouldRecover("NCE", fit(nce, data, UniformBits(5), 600, 1024, 0.05, 4))
    }

    test("T2: SNL with a uniform proposal converges to the exact MLE of J and to its log Z on the 3 x 3 periodic Ising") {
        val side = 3
        val d = side * side
        val lattice = Array(d) { DoubleArray(d) }
        for (r in 0 until side) for (c in 0 until side) {
            val i = r * side + c
            for (k in listOf(r * side + (c + 1) % side, ((r + 1) % side) * side + c)) {
                lattice[i][k] = 0.25
                lattice[k][i] = 0.25
            }
        }
        fun spins(s: Int) = DoubleArray(d) { 2.0 * ((s shr it) and 1) - 1 }
        fun energyOf(j: Array<DoubleArray>, b: DoubleArray, s: Int): Double {
            val x = spins(s)
            return -((0 until d).sumOf { i -> x[i] * (b[i] + (0 until d).sumOf { k -> j[i][k] * x[k] }) })
        }
        val truth = EnumeratedBinaryModel(d, { energyOf(lattice, DoubleArray(d), it) }, { DoubleArray(d) })
        val sample = exactDraws(truth, 2000, seed = 41)

        // Sufficient statistics: mean of sᵢsₖ (i < k) and of sᵢ over the sample, then moment matching on the host.
        val rows = sample.toArray()
        val pairs = (0 until d).flatMap { a -> (a + 1 until d).map { a to it } }
        val dataPair = DoubleArray(pairs.size)
        val dataSingle = DoubleArray(d)
        for (n in 0 until sample.size()) {
            val s = DoubleArray(d) { 2.0 * rows[n * d + it] - 1 }
            pairs.forEachIndexed { p, (a, b) -> dataPair[p] += s[a] * s[b] / sample.size() }
            for (i in 0 until d) dataSingle[i] += s[i] / sample.size()
        }
        val j = DoubleArray(pairs.size)
        val b = DoubleArray(d)
        var logZ = 0.0
        var gradient = Double.MAX_VALUE
        var iterations = 0
        while (gradient > 1e-9 && iterations++ < 50_000) {
            val jm = Array(d) { DoubleArray(d) }
            pairs.forEachIndexed { p, (x, y) -> jm[x][y] = j[p]; jm[y][x] = j[p] }
            val logW = DoubleArray(1 shl d) { -energyOf(jm, b, it) }
            val top = logW.max()
            val w = logW.map { exp(it - top) }
            val z = w.sum()
            logZ = top + ln(z)
            val modelPair = DoubleArray(pairs.size)
            val modelSingle = DoubleArray(d)
            for (s in 0 until (1 shl d)) {
                val x = spins(s)
                val p = w[s] / z
                pairs.forEachIndexed { q, (a, c) -> modelPair[q] += p * x[a] * x[c] }
                for (i in 0 until d) modelSingle[i] += p * x[i]
            }
            // ∂ log-likelihood / ∂J_ak = 2 (data − model) of sₐsₖ (sᵀJs counts each pair twice); / ∂bᵢ of sᵢ.
            gradient = maxOf(pairs.indices.maxOf { abs(2 * (dataPair[it] - modelPair[it])) },
                (0 until d).maxOf { abs(dataSingle[it] - modelSingle[it]) })
            for (q in pairs.indices) j[q] += 0.1 * 2 * (dataPair[q] - modelPair[q])
            for (i in 0 until d) b[i] += 0.1 * (dataSingle[i] - modelSingle[i])
        }
        withClue("the host MLE converged") { gradient shouldBeLessThan 1e-9 }
        val truthUpper = pairs.map { (a, c) -> lattice[a][c] }.toDoubleArray()
        println("T2: MLE ($iterations iterations) is ${maxError(j, truthUpper)} from the true J at most; log Z(MLE) = $logZ")

        val snl = SelfNormalisedLikelihood.builder().optProposalSamples(16_384).build()
        val f = fit(snl, sample, UniformBits(d), 6000, 2000, 0.01, 5, SelfNormalisedLikelihood.BIAS, ema = 0.999)
        val fitted = Array(d) { DoubleArray(d) }.also { m -> pairs.forEachIndexed { p, (x, y) -> m[x][y] = f.couplings[p]; m[y][x] = f.couplings[p] } }
        val fittedLogZ = EnumeratedBinaryModel(d, { energyOf(fitted, f.bias, it) }, { DoubleArray(d) }).logNormaliser
        println("T2: SNL max |ΔJ| = ${maxError(f.couplings, j)}, max |Δb| = ${maxError(f.bias, b)}, SNL's b = ${f.normaliser}; " +
            "log Z of the fit $fittedLogZ, of the MLE $logZ")
        withClue("J against the MLE") { maxError(f.couplings, j) shouldBeLessThan 0.02 }
        withClue("b against the MLE") { maxError(f.bias, b) shouldBeLessThan 0.02 }
        withClue("SNL's normaliser against log Z of its own fit") { f.normaliser!! shouldBe (fittedLogZ plusOrMinus 0.05) }
        withClue("SNL's normaliser against log Z of the MLE") { f.normaliser!! shouldBe (logZ plusOrMinus 0.05) }
    }
})
