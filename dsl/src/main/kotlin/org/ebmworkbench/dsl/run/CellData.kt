package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.SpecException
import org.ebmworkbench.engine.data.ConditionalToyDataset
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.GrayCode
import org.ebmworkbench.engine.data.ToyDataset
import java.util.SplittableRandom

/**
 * The training and test samples of a cell, made by its dataset spec (`DatasetSpec.load`).
 *
 * Protocol: toy data are drawn with the cell seed, test data independently with [testSeed] (seed + 1 000 003);
 * CSV data are shuffled with the cell seed and split by `testFraction`; lattice Ising rows come from one Gibbs run
 * seeded with the cell seed, the training rows first.
 *
 * @property trueCouplings the D × D coupling matrix the data were generated with, where known (lattice Ising)
 * @property grayCode the code of Gray-coded data, which decodes binary samples back to the plane (for heatmaps)
 * @property targetDim the number of target columns of regression data, the last of each row [x, y]; 0 otherwise
 * @property regression the generator of regression toy data, with its true p(y | x)
 */
class CellData(
    val train: Dataset,
    val test: Dataset,
    val generator: ToyDataset?,
    val trueCouplings: Array<DoubleArray>? = null,
    val grayCode: GrayCode? = null,
    val targetDim: Int = 0,
    val regression: ConditionalToyDataset? = null,
) {
    companion object {
        const val TEST_SEED_OFFSET = 1_000_003L

        fun testSeed(seed: Long) = seed + TEST_SEED_OFFSET

        /** [all] shuffled with [seed], a [testFraction] share held out as the test set. */
        fun split(all: Dataset, testFraction: Double, seed: Long): CellData {
            val n = all.size()
            val nTest = Math.round(n * testFraction).toInt()
            if (nTest < 1 || nTest >= n) {
                throw SpecException("csv.testFraction must leave at least one test and one training row of the $n, " +
                    "was $testFraction", "testFraction")
            }
            val rng = SplittableRandom(seed)
            val order = IntArray(n) { it }
            for (i in n - 1 downTo 1) {
                val j = rng.nextInt(i + 1)
                order[i] = order[j].also { order[j] = order[i] }
            }
            return CellData(all.subset(order.copyOfRange(nTest, n)), all.subset(order.copyOfRange(0, nTest)), null)
        }
    }
}
