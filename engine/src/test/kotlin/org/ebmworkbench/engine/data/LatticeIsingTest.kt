package org.ebmworkbench.engine.data

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.check.InvalidParameterException
import java.nio.file.Files
import kotlin.math.exp
import kotlin.math.sqrt

/**
 * The lattice Ising data against the exact law of small lattices, computed here by enumerating every state in double
 * precision from p(x) ∝ exp(sᵀJs), s = 2x − 1, with J built independently of the generator's own [LatticeIsing.couplings].
 *
 * The 3 × 3 run takes one sample from each of 8000 independent chains (thin irrelevant, burn-in 200 sweeps), so the
 * counts of the number of ones k ∈ 0..9 are multinomial. Pearson's X² against the exact law of k then follows χ²₉, whose
 * 0.999 quantile is 27.88: the test fails a correct generator once in a thousand seeds, and the seed is fixed. Its power:
 * the laws at σ = 0.12 and 0.18 differ from σ = 0.15 by a non-centrality N Σ (p − q)²/q ≈ 1300, so samples of the wrong
 * law exceed 27.88 with probability indistinguishable from 1; both are checked on the same samples. Expected counts are at
 * least 560, far above the usual 5.
 */
class LatticeIsingTest : FunSpec({
    /** J_ij = σ for the four periodic neighbours of each site, written from the lattice, not from the class. */
    fun couplings(n: Int, sigma: Double): Array<DoubleArray> {
        val j = Array(n * n) { DoubleArray(n * n) }
        for (r in 0 until n) for (c in 0 until n) {
            val i = r * n + c
            for ((a, b) in listOf((r + n - 1) % n to c, (r + 1) % n to c, r to (c + n - 1) % n, r to (c + 1) % n)) {
                j[i][a * n + b] = sigma
            }
        }
        return j
    }

    /** The exact law of all 2^D states (bit i of the index is site i). */
    fun law(n: Int, sigma: Double): DoubleArray {
        val d = n * n
        val j = couplings(n, sigma)
        val logWeights = DoubleArray(1 shl d) { state ->
            val s = DoubleArray(d) { if ((state shr it) and 1 == 1) 1.0 else -1.0 }
            var e = 0.0
            for (a in 0 until d) for (b in 0 until d) e += j[a][b] * s[a] * s[b]
            e
        }
        val top = logWeights.max()
        val w = logWeights.map { exp(it - top) }
        val z = w.sum()
        return w.map { it / z }.toDoubleArray()
    }

    fun onesLaw(n: Int, sigma: Double): DoubleArray {
        val p = law(n, sigma)
        val out = DoubleArray(n * n + 1)
        for (state in p.indices) out[Integer.bitCount(state)] += p[state]
        return out
    }

    fun chiSquare(counts: LongArray, expected: DoubleArray): Double {
        val total = counts.sum().toDouble()
        return counts.indices.sumOf { (counts[it] - total * expected[it]).let { d -> d * d } / (total * expected[it]) }
    }

    fun lattice(n: Int, sigma: Double, samples: Int, chains: Int, seed: Long = 5) = LatticeIsing.builder()
        .setSide(n).setSigma(sigma).setSamples(samples).optChains(chains).optBurnIn(200).optThin(5).optSeed(seed).build()

    test("3 × 3, σ = 0.15: the number of ones passes a chi-square test against the exact law, and rejects σ ± 0.03") {
        val data = lattice(3, 0.15, 8000, 8000).sample()
        BinaryData.nonBinaryEntries(data) shouldBe 0L
        val counts = LongArray(10)
        for (i in 0 until data.size()) counts[(0 until 9).count { data.get(i, it) == 1f }]++
        val critical = 27.88
        withClue("X² against the law") { chiSquare(counts, onesLaw(3, 0.15)) shouldBeLessThan critical }
        withClue("power: σ = 0.12") { chiSquare(counts, onesLaw(3, 0.12)) shouldBeGreaterThan critical }
        withClue("power: σ = 0.18") { chiSquare(counts, onesLaw(3, 0.18)) shouldBeGreaterThan critical }
    }

    test("4 × 4 (two colour classes), σ = 0.2: bond correlations and site means match the exact law within 4 SE") {
        val n = 4
        val p = law(n, 0.2)
        // E[s_0 s_1] for the bond (0, 0)–(0, 1); all bonds are alike by symmetry.
        val exactBond = p.indices.sumOf { st -> p[st] * (if (st and 1 == 1) 1 else -1) * (if ((st shr 1) and 1 == 1) 1 else -1) }
        val data = lattice(n, 0.2, 6000, 6000).sample()
        val lat = lattice(n, 0.2, 1, 1)
        var bondSum = 0.0
        var bonds = 0
        for (i in 0 until data.size()) for (r in 0 until n) for (c in 0 until n) {
            val a = 2 * data.get(i, lat.site(r, c)) - 1
            bondSum += a * (2 * data.get(i, lat.site(r, c + 1)) - 1) + a * (2 * data.get(i, lat.site(r + 1, c)) - 1)
            bonds += 2
        }
        // Per sample the mean over its 32 bonds has sd ≤ 1, and samples are independent chains.
        bondSum / bonds shouldBe (exactBond plusOrMinus 4 / sqrt(data.size().toDouble()))
        val ones = (0 until data.size()).sumOf { i -> (0 until n * n).count { data.get(i, it) == 1f } }
        ones.toDouble() / (data.size() * n * n) shouldBe (0.5 plusOrMinus 4 * 0.5 / sqrt(data.size().toDouble()))
    }

    test("the colouring is proper for even and odd sides, and J = σA with |σ|·√(4/D) as the RMSE of Ĵ = 0") {
        for (n in 3..7) {
            val lat = lattice(n, 0.25, 1, 1)
            val colour = lat.colouring()
            for (r in 0 until n) for (c in 0 until n) {
                colour[lat.site(r, c)] shouldNotBe colour[lat.site(r, c + 1)]
                colour[lat.site(r, c)] shouldNotBe colour[lat.site(r + 1, c)]
            }
            val j = lat.couplings()
            j.map { it.toList() } shouldBe couplings(n, 0.25).map { it.toList() }
            val rmse = sqrt(j.sumOf { row -> row.sumOf { it * it } } / (n * n * n * n).toDouble())
            lat.zeroEstimateRmse() shouldBe (rmse plusOrMinus 1e-12)
            lat.zeroEstimateRmse() shouldBe (0.25 * sqrt(4.0 / (n * n)) plusOrMinus 1e-12)
        }
    }

    test("a seed fixes the samples; another seed changes them") {
        val a = lattice(3, 0.3, 300, 50, seed = 9).sample()
        lattice(3, 0.3, 300, 50, seed = 9).sample() shouldBe a
        lattice(3, 0.3, 300, 50, seed = 10).sample() shouldNotBe a
    }

    test("the cache round-trips, is keyed by the parameters, and a damaged file is regenerated") {
        val dir = tempdir().toPath()
        val lat = lattice(3, 0.3, 300, 50)
        val first = lat.load(dir)
        val cache = LatticeIsingCache(dir)
        val file = cache.file(lat)
        Files.isRegularFile(file) shouldBe true
        file.fileName.toString() shouldContain "sigma0.3"
        cache.read(lat) shouldBe first
        lat.load(dir) shouldBe first
        val other = lattice(3, 0.35, 300, 50)
        cache.file(other) shouldNotBe file
        cache.read(other) shouldBe null
        lattice(3, 0.3, 300, 50, seed = 6).let { cache.file(it) shouldNotBe file }
        // A truncated file is treated as missing and rewritten with the same samples.
        val bytes = Files.readAllBytes(file)
        Files.write(file, bytes.copyOf(bytes.size - 20))
        cache.read(lat) shouldBe null
        lat.load(dir) shouldBe first
        cache.read(lat) shouldBe first
        // A flipped payload byte fails the checksum.
        val damaged = Files.readAllBytes(file).also { it[it.size - 30] = (1 - it[it.size - 30]).toByte() }
        Files.write(file, damaged)
        cache.read(lat) shouldBe null
        Files.list(dir).use { files -> files.filter { it.toString().endsWith(".tmp") }.count() } shouldBe 0L
    }

    test("bad parameters are rejected by name") {
        shouldThrow<InvalidParameterException> { lattice(2, 0.1, 10, 10) }.message shouldContain "latticeIsing.n"
        shouldThrow<InvalidParameterException> {
            LatticeIsing.builder().setSide(3).setSigma(Double.NaN).setSamples(1).build()
        }.message shouldContain "latticeIsing.sigma"
        shouldThrow<InvalidParameterException> {
            LatticeIsing.builder().setSide(3).setSigma(0.1).setSamples(1).optThin(0).build()
        }.message shouldContain "latticeIsing.thin"
    }
})
