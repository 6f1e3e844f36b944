package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.CsvDatasetSpec
import org.ebmworkbench.dsl.spec.DatasetSpec
import org.ebmworkbench.dsl.spec.SpecException
import org.ebmworkbench.dsl.spec.ToyDatasetSpec
import org.ebmworkbench.engine.data.CsvDataset
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.ToyDataset
import org.ebmworkbench.engine.data.ToyDatasets
import java.nio.file.Path
import java.util.SplittableRandom

/**
 * The training and test samples of a cell.
 *
 * Protocol: toy data are drawn with the cell seed, test data independently with [testSeed] (seed + 1 000 003);
 * CSV data are shuffled with the cell seed and split by `testFraction`.
 */
class CellData(val train: Dataset, val test: Dataset, val generator: ToyDataset?) {
    val optimalLogLikelihood: Double? =
        generator?.optimalLogLikelihood()?.let { if (it.isPresent) it.asDouble else null }

    companion object {
        const val TEST_SEED_OFFSET = 1_000_003L

        fun testSeed(seed: Long) = seed + TEST_SEED_OFFSET

        fun load(spec: DatasetSpec, seed: Long, scriptDir: Path?): CellData = when (spec) {
            is ToyDatasetSpec -> {
                val g = ToyDatasets.byName(spec.kind)
                CellData(g.sample(spec.n, seed), g.sample(spec.nTest, testSeed(seed)), g)
            }
            is CsvDatasetSpec -> {
                val path = Path.of(spec.path).let { if (it.isAbsolute || scriptDir == null) it else scriptDir.resolve(it) }
                split(CsvDataset.load(path), spec.testFraction, seed)
            }
        }

        private fun split(all: Dataset, testFraction: Double, seed: Long): CellData {
            val n = all.size()
            val nTest = Math.round(n * testFraction).toInt()
            if (nTest < 1 || nTest >= n) {
                throw SpecException("csv: testFraction $testFraction leaves no test or no training rows out of $n")
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
