package org.ebmworkbench.engine.proposal

import ai.djl.ndarray.NDArrays
import ai.djl.ndarray.NDList
import ai.djl.ndarray.NDManager
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.tensor.Tensors
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.sqrt

/** Every proposal's density integrates to one and agrees with the moments of its own samples. */
class ProposalTest : FunSpec({
    fun integrate(m: NDManager, q: Proposal, box: Double, n: Int): Double {
        val axis = m.linspace((-box).toFloat(), box.toFloat(), n)
        val points = NDArrays.stack(NDList(axis.tile(n.toLong()), axis.repeat(n.toLong())), 1)
        val cell = (2 * box / (n - 1)) * (2 * box / (n - 1))
        return q.logProb(points).toFloatArray().sumOf { exp(it.toDouble()) } * cell
    }

    fun checkMoments(m: NDManager, q: Proposal, mean: DoubleArray, cov: Array<DoubleArray>) {
        val n = 200_000
        TestSupport.seed(17)
        val x = q.sample(m, n).toFloatArray()
        val d = mean.size
        for (j in 0 until d) {
            val mj = (0 until n).sumOf { x[it * d + j].toDouble() } / n
            // 5 standard errors of the sample mean.
            abs(mj - mean[j]) shouldBe (0.0 plusOrMinus 5 * sqrt(cov[j][j] / n))
            for (k in 0 until d) {
                val mk = (0 until n).sumOf { x[it * d + k].toDouble() } / n
                val c = (0 until n).sumOf { (x[it * d + j] - mj) * (x[it * d + k] - mk) } / (n - 1)
                // SE of a sample covariance ≈ sqrt((σ_jj σ_kk + σ_jk²) / n); 5 SE.
                val se = sqrt((cov[j][j] * cov[k][k] + cov[j][k] * cov[j][k]) / n)
                c shouldBe (cov[j][k] plusOrMinus 5 * se)
            }
        }
    }

    test("diagonal Gaussian: normalised and moment-consistent") {
        TestSupport.withManager { m ->
            val q = DiagonalGaussianProposal(m, doubleArrayOf(0.5, -1.0), doubleArrayOf(0.8, 1.3))
            integrate(m, q, 9.0, 400) shouldBe (1.0 plusOrMinus 1e-3)
            checkMoments(m, q, doubleArrayOf(0.5, -1.0), arrayOf(doubleArrayOf(0.64, 0.0), doubleArrayOf(0.0, 1.69)))
        }
    }

    test("full-covariance Gaussian: normalised and moment-consistent") {
        TestSupport.withManager { m ->
            val cov = arrayOf(doubleArrayOf(1.0, 0.6), doubleArrayOf(0.6, 0.9))
            val q = FullGaussianProposal(m, doubleArrayOf(0.2, 0.3), cov)
            integrate(m, q, 8.0, 400) shouldBe (1.0 plusOrMinus 1e-3)
            checkMoments(m, q, doubleArrayOf(0.2, 0.3), cov)
            // logProb at the mean is −½ log det(2πΣ).
            val det = 1.0 * 0.9 - 0.36
            Tensors.scalar(q.logProb(m.create(floatArrayOf(0.2f, 0.3f)).reshape(1, 2))) shouldBe
                ((-0.5 * Math.log(4 * Math.PI * Math.PI * det)) plusOrMinus 1e-5)
        }
    }

    test("uniform box: normalised, −inf outside, moment-consistent") {
        TestSupport.withManager { m ->
            val q = UniformBoxProposal(m, doubleArrayOf(-1.0, 0.0), doubleArrayOf(2.0, 0.5))
            integrate(m, q, 3.0, 1201) shouldBe (1.0 plusOrMinus 0.01)
            val outside = q.logProb(m.create(floatArrayOf(3f, 0.2f)).reshape(1, 2)).toFloatArray()[0]
            outside shouldBe Float.NEGATIVE_INFINITY
            checkMoments(m, q, doubleArrayOf(0.5, 0.25), arrayOf(doubleArrayOf(9.0 / 12, 0.0), doubleArrayOf(0.0, 0.25 / 12)))
        }
    }

    test("fitting to data recovers its mean and covariance (plus jitter² on the diagonal)") {
        TestSupport.withManager { m ->
            val data = TestSupport.gaussianData(5000, doubleArrayOf(1.0, 2.0), doubleArrayOf(0.5, 3.0), seed = 4)
            val diag = DiagonalGaussianProposal.fit(m, data, 0.01)
            val cov = data.covariance()
            diag.std()[1] shouldBe (sqrt(cov[1][1] + 1e-4) plusOrMinus 1e-9)
            val full = FullGaussianProposal.fit(m, data, 0.0)
            full.mean()[0] shouldBe (data.mean()[0] plusOrMinus 1e-12)
        }
    }
})
