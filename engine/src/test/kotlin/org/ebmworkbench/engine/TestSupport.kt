package org.ebmworkbench.engine

import ai.djl.engine.Engine
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import org.ebmworkbench.engine.data.Dataset
import java.util.SplittableRandom

/** Shared helpers for engine specs: a scoped manager and seeded host data. */
object TestSupport {
    fun <T> withManager(block: (NDManager) -> T): T = NDManager.newBaseManager().use(block)

    fun seed(seed: Int) = Engine.getInstance().setRandomSeed(seed)

    /** n draws of N(mean, std²) per coordinate, as a Dataset. */
    fun gaussianData(n: Int, mean: DoubleArray, std: DoubleArray, seed: Long): Dataset {
        val rng = SplittableRandom(seed)
        val d = mean.size
        val v = FloatArray(n * d)
        for (i in 0 until n) for (j in 0 until d) v[i * d + j] = (mean[j] + std[j] * gaussian(rng)).toFloat()
        return Dataset.of(v, n, d)
    }

    fun gaussian(rng: SplittableRandom): Double {
        val u1 = 1.0 - rng.nextDouble()
        val u2 = rng.nextDouble()
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
    }

    fun NDArray.toDoubles(): DoubleArray = toFloatArray().map { it.toDouble() }.toDoubleArray()
}
