package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.div
import kotlinx.html.figcaption
import kotlinx.html.figure
import kotlinx.html.h2
import kotlinx.html.id
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.unsafe
import org.ebmworkbench.reports.compare.Grouping
import org.ebmworkbench.reports.records.DensityCurve
import org.ebmworkbench.reports.stats.PointwiseMean

private fun DensityCurve.xs(): DoubleArray = DoubleArray(logDensity.size) { x(it) }
private fun negated(values: List<Double>): DoubleArray = DoubleArray(values.size) { -values[it] }

/**
 * The "Learned energies (1-D)" section, for datasets whose cells wrote `artefacts/density1d.json`: per dataset, each
 * setting's learned −log p(x) (the mean over seeds with a ±1 std band) against the true −log p(x), dashed, when the
 * cells recorded it. Omitted when no cell has a 1-D curve.
 */
internal fun FlowContent.curve1dSection(grouping: Grouping) {
    val datasets = grouping.datasets.filter { d -> grouping.rows.any { r -> hasCurve(grouping, r.label, d) } }
    if (datasets.isEmpty()) return
    section {
        id = "energies-1d"
        h2 { +"Learned energies (1-D)" }
        p(classes = "note") {
            +"The learned negative log-density −log p(x) = E(x) + log Z, normalised by quadrature on the evaluation grid "
            +"(artefacts/density1d.json), per setting the mean over seeds with a ± one standard deviation band; the dashed "
            +"black line is the true −log p(x) (for N(0, 1): x²/2 + ½ log 2π). Non-finite values are not drawn."
        }
        datasets.forEachIndexed { k, dataset ->
            val bands = grouping.rows.mapNotNull { row ->
                val curves = grouping.group(row.label, dataset)?.runs.orEmpty().mapNotNull { it.cell.densityCurve }
                if (curves.isEmpty()) return@mapNotNull null
                val m = PointwiseMean.of(curves.map { it.xs() to negated(it.logDensity) })
                Band("${row.label} (${curves.size} seed${if (curves.size == 1) "" else "s"})", m.x, m.mean, m.low, m.high)
            }
            val reference = grouping.rows.asSequence()
                .flatMap { grouping.group(it.label, dataset)?.runs.orEmpty() }
                .mapNotNull { it.cell.densityCurve }.firstOrNull { it.reference != null }
            val all = bands + listOfNotNull(reference?.let { Band("true −log p(x)", it.xs(), negated(it.reference!!), dashed = true) })
            val svg = SvgCharts.bandChart("−log p(x) on $dataset", "x", "−log p(x)", all, "e1d${k}_")
            figure(classes = "chart") {
                div { unsafe { +svg } }
                figcaption {
                    +"$dataset: learned −log p(x) of ${bands.size} setting(s)"
                    +(if (reference == null) "; the true density is not known for this dataset." else " against the true −log p(x) (dashed).")
                }
            }
        }
    }
}

private fun hasCurve(grouping: Grouping, row: String, dataset: String): Boolean =
    grouping.group(row, dataset)?.runs.orEmpty().any { it.cell.densityCurve != null }
