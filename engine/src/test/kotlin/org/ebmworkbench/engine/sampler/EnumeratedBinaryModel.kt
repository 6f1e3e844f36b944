package org.ebmworkbench.engine.sampler

import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.min

/**
 * A model on {0, 1}^sites small enough to enumerate: its exact law and the exact laws after k transitions of each
 * discrete sampler's kernel, applied on the host in double precision. State s is the row x with x_i = bit i of s.
 *
 * @param energyOf E of state s
 * @param gradientOf ∇ₓE at state s (for Gibbs-with-Gradients' proposal)
 */
class EnumeratedBinaryModel(val sites: Int, val energyOf: (Int) -> Double, val gradientOf: (Int) -> DoubleArray) {
    val states = 1 shl sites

    /** p(s) = exp(−E(s)) / Σ exp(−E), by enumeration. */
    val law: DoubleArray = normalised(DoubleArray(states) { -energyOf(it) })

    /** The law of exp(+E): what a sampler with the sign of the energy flipped samples. */
    val flippedLaw: DoubleArray = normalised(DoubleArray(states) { energyOf(it) })

    val uniformLaw = DoubleArray(states) { 1.0 / states }

    /** log Z = log Σ exp(−E(s)). */
    val logNormaliser: Double = DoubleArray(states) { -energyOf(it) }.let { e -> e.max() + ln(e.sumOf { exp(it - e.max()) }) }

    /** The law after one Gibbs update of site [i] applied to [q]. */
    fun siteUpdate(q: DoubleArray, i: Int): DoubleArray {
        val next = DoubleArray(states)
        for (s in 0 until states) {
            val off = s and (1 shl i).inv()
            val on = s or (1 shl i)
            val pOn = 1 / (1 + exp(energyOf(on) - energyOf(off)))
            next[on] += q[s] * pOn
            next[off] += q[s] * (1 - pOn)
        }
        return next
    }

    /** One systematic sweep: sites 0 … D − 1 in order. */
    fun systematicSweep(q: DoubleArray): DoubleArray = (0 until sites).fold(q) { acc, i -> siteUpdate(acc, i) }

    /** One random-scan step: D updates, each at a uniformly random site (the average of the site kernels). */
    fun randomScanSweep(q: DoubleArray): DoubleArray = (0 until sites).fold(q) { acc, _ ->
        val mixed = DoubleArray(states)
        for (i in 0 until sites) siteUpdate(acc, i).forEachIndexed { s, p -> mixed[s] += p / sites }
        mixed
    }

    /** log q(· | s) of Gibbs-with-Gradients: log softmax over sites of (2xᵢ − 1)·∂E/∂xᵢ / 2. */
    private fun logProposal(s: Int): DoubleArray {
        val g = gradientOf(s)
        val logits = DoubleArray(sites) { i -> (2.0 * ((s shr i) and 1) - 1) * g[i] / 2 }
        val top = logits.max()
        val log = top + ln(logits.sumOf { exp(it - top) })
        return DoubleArray(sites) { logits[it] - log }
    }

    /** One Gibbs-with-Gradients step: flip i with probability q(i | s), accepted with the MH probability. */
    fun gwgStep(q: DoubleArray): DoubleArray {
        val next = DoubleArray(states)
        for (s in 0 until states) {
            val forward = logProposal(s)
            var moved = 0.0
            for (i in 0 until sites) {
                val t = s xor (1 shl i)
                val accept = min(1.0, exp(energyOf(s) - energyOf(t) + logProposal(t)[i] - forward[i]))
                val p = exp(forward[i]) * accept
                next[t] += q[s] * p
                moved += p
            }
            next[s] += q[s] * (1 - moved)
        }
        return next
    }

    /** Pearson's non-centrality N Σ (q − p)² / p of [chains] draws from [q] tested against the law. */
    fun nonCentrality(q: DoubleArray, chains: Int): Double = chains * q.indices.sumOf { (q[it] - law[it]).let { d -> d * d } / law[it] }

    private fun normalised(logWeights: DoubleArray): DoubleArray {
        val top = logWeights.max()
        val w = logWeights.map { exp(it - top) }
        return w.map { it / w.sum() }.toDoubleArray()
    }
}

/** A discrete sampler's transition on the host: one of its steps as a map of laws. */
enum class BinaryKernel {
    SYSTEMATIC_SWEEP, RANDOM_SCAN_SWEEP, GWG_STEP;

    fun step(model: EnumeratedBinaryModel, q: DoubleArray): DoubleArray = when (this) {
        SYSTEMATIC_SWEEP -> model.systematicSweep(q)
        RANDOM_SCAN_SWEEP -> model.randomScanSweep(q)
        GWG_STEP -> model.gwgStep(q)
    }

    /** The exact law after [steps] steps from [start]. */
    fun lawAfter(model: EnumeratedBinaryModel, start: DoubleArray, steps: Int): DoubleArray =
        (0 until steps).fold(start) { q, _ -> step(model, q) }
}
