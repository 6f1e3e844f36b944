package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Where a cell's data comes from. [label] names the dataset in cell ids, run folders and reports. */
@Serializable
sealed interface DatasetSpec {
    val label: String
}

/**
 * A synthetic dataset drawn by one of the engine's generators (fixed, documented conventions; see the
 * dataset factories such as [checkerboard]). Train and test sets are drawn independently from the same
 * generator with the cell's seed, [n] and [nTest] points respectively.
 */
@Serializable
@SerialName("toy")
data class ToyDatasetSpec(val kind: String, val n: Int = 10_000, val nTest: Int = 10_000) : DatasetSpec {
    init {
        Check.that(kind in KINDS) { "toy dataset kind must be one of ${KINDS.joinToString()}, was '$kind'" }
        Check.atLeast("$kind.n", n, 1)
        Check.atLeast("$kind.nTest", nTest, 1)
    }

    override val label: String get() = kind

    companion object {
        /** Every generator the engine provides; a kind outside this set is rejected before anything runs. */
        val KINDS: List<String> = listOf(
            "checkerboard", "gaussians25", "gaussians8", "four_circles", "funnel", "pinwheel_snl",
            "pinwheel_ed", "two_moons", "swiss_roll", "rings", "two_spirals", "normal_1d",
        )
    }
}

/**
 * A numeric CSV file (header row, one column per dimension). The rows are shuffled with the cell's seed and
 * split: a [testFraction] share is held out as the test set.
 */
@Serializable
@SerialName("csv")
data class CsvDatasetSpec(val path: String, val testFraction: Double = 0.2) : DatasetSpec {
    init {
        Check.that(path.isNotBlank()) { "csv.path must not be blank" }
        Check.openUnitInterval("csv.testFraction", testFraction)
    }

    /** The file name without directories and extension, e.g. `power` for `data/power.csv`. */
    override val label: String
        get() = path.substringAfterLast('/').substringAfterLast('\\').substringBeforeLast('.')
}
