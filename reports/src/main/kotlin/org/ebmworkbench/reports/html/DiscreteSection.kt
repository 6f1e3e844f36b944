package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.br
import kotlinx.html.details
import kotlinx.html.div
import kotlinx.html.figcaption
import kotlinx.html.figure
import kotlinx.html.h2
import kotlinx.html.id
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.span
import kotlinx.html.summary
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.thead
import kotlinx.html.tr
import org.ebmworkbench.reports.compare.Grouping
import org.ebmworkbench.reports.records.CellRun
import org.ebmworkbench.reports.records.CouplingMatrices
import org.ebmworkbench.reports.records.DataSample
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.records.SampleBox
import java.util.Locale
import kotlin.math.abs

// The report's sections of discrete EBMs: decoded Gray-code samples (artefacts/model_samples.json beside
// artefacts/data.json) and learned couplings (artefacts/couplings.json). Each is omitted when no cell has its artefact.

private const val GRID_PX = 160
private const val IMAGE_PX = 280

/** Bins per axis of a decoded-sample histogram: a few thousand samples fill 64² bins without looking like noise. */
internal const val SAMPLE_HISTOGRAM_BINS = 64

/** The first seed's cell of (row, dataset) for which [has] holds. */
private fun firstWith(grouping: Grouping, row: String, dataset: String, has: (CellRun) -> Boolean): CellRun? =
    grouping.group(row, dataset)?.runs?.firstOrNull { has(it.cell) }?.cell

private fun hasSamples(cell: CellRun) = cell.modelSamples?.box != null

private fun seedOf(cell: CellRun): String = "${cell.status?.seed ?: cell.summary?.seed ?: "?"}"

private fun sampleHistogram(sample: DataSample, box: SampleBox) = DensityImages.histogram(box, SAMPLE_HISTOGRAM_BINS, sample)

/**
 * The "Decoded Gray-code samples" section: a settings × datasets grid of histograms of the decoded model samples
 * (the first seed that has them) under a row of decoded-data histograms, each over the code's box as the artefact
 * records it; then, folded, every cell's model samples beside its data.
 */
internal fun FlowContent.graySamplesSection(run: ExperimentRun, grouping: Grouping) {
    val cells = run.cells.filter(::hasSamples)
    if (cells.isEmpty()) return
    section {
        id = "gray-samples"
        h2 { +"Decoded Gray-code samples" }
        p(classes = "note") {
            +"Model samples of Gray-coded cells (artefacts/model_samples.json) and their training data (artefacts/data.json), "
            +"decoded to the plane (each code to the centre of its cell), as $SAMPLE_HISTOGRAM_BINS × $SAMPLE_HISTOGRAM_BINS "
            +"histograms over the code's box [−halfWidth, halfWidth]², y upwards; colour linear in the count (viridis, "
            +"each image scaled to its own maximum)."
        }
        graySampleGrid(grouping)
        details {
            summary { +"Every cell's decoded samples and data (${cells.size})" }
            cells.forEach { graySampleFigure(it) }
        }
    }
}

private fun FlowContent.graySampleGrid(grouping: Grouping) {
    val datasets = grouping.datasets.filter { d -> grouping.rows.any { firstWith(grouping, it.label, d, ::hasSamples) != null } }
    val rows = grouping.rows.filter { r -> datasets.any { firstWith(grouping, r.label, it, ::hasSamples) != null } }
    table(classes = "density-grid") {
        thead { tr { th { +"setting" }; datasets.forEach { th { +it } } } }
        tbody {
            tr {
                th(classes = "rowlabel") { +"data" }
                datasets.forEach { d ->
                    val source = rows.mapNotNull { firstWith(grouping, it.label, d) { c -> hasSamples(c) && c.data != null } }.firstOrNull()
                    td {
                        if (source == null) +"no data sample" else {
                            val hist = sampleHistogram(source.data!!, source.data.box ?: source.modelSamples!!.box!!)
                            heatmap(hist, "decoded data histogram of $d", GRID_PX)
                            br()
                            span(classes = "note") { +"${hist.total} points, seed ${seedOf(source)}" }
                        }
                    }
                }
            }
            rows.forEach { row ->
                tr {
                    th(classes = "rowlabel") { +row.label }
                    datasets.forEach { d ->
                        val cell = firstWith(grouping, row.label, d, ::hasSamples)
                        td {
                            if (cell == null) +"—" else {
                                val hist = sampleHistogram(cell.modelSamples!!, cell.modelSamples.box!!)
                                heatmap(hist, "decoded model samples of ${row.label} on $d", GRID_PX)
                                br()
                                span(classes = "note") { +"${hist.total} samples, seed ${seedOf(cell)}" }
                            }
                        }
                    }
                }
            }
        }
    }
    p(classes = "note") { +"Rows: settings; columns: datasets. Each image is the first seed's decoded model samples." }
}

private fun FlowContent.graySampleFigure(cell: CellRun) {
    val samples = cell.modelSamples!!
    val box = samples.box!!
    val model = sampleHistogram(samples, box)
    val data = cell.data?.let { sampleHistogram(it, it.box ?: box) }
    figure(classes = "density") {
        div(classes = "pair") {
            heatmap(model, "decoded model samples of ${Format.cellLabel(cell)}", IMAGE_PX)
            if (data != null) heatmap(data, "decoded data of ${Format.cellLabel(cell)}", IMAGE_PX)
        }
        figcaption {
            +"${Format.cellLabel(cell)} (${cell.id}). Left: ${model.total} decoded model samples over ${boxText(box)}"
            if (model.outside > 0) +" (${model.outside} outside the box not shown)"
            +". "
            +(if (data == null) "No data sample (artefacts/data.json)." else "Right: ${data.total} decoded training points.")
        }
    }
}

private fun boxText(box: SampleBox): String = String.format(
    Locale.ROOT, "[%s, %s] × [%s, %s]",
    Format.metric(box.xMin), Format.metric(box.xMax), Format.metric(box.yMin), Format.metric(box.yMax),
)

private fun hasCouplings(cell: CellRun) = cell.couplings != null

/** The largest finite |value| of [matrices], the end of their shared colour scale (1 when all are 0). */
internal fun couplingScale(matrices: List<List<Double>>): Double =
    matrices.flatten().filter { it.isFinite() }.maxOfOrNull { abs(it) }?.takeIf { it > 0 } ?: 1.0

private fun scaleText(scale: Double) =
    "blue = −${Format.metric(scale)}, white = 0, red = +${Format.metric(scale)}"

/**
 * The "Learned couplings" section: for cells whose energy has a pairwise coupling matrix, the symmetrised learned J
 * beside the true J (when known) as heatmaps in a diverging map centred at 0; a settings × datasets grid (first
 * seed), every image of a dataset column on one scale; then, folded, each cell's pair on its own shared scale.
 */
internal fun FlowContent.couplingsSection(run: ExperimentRun, grouping: Grouping) {
    val cells = run.cells.filter(::hasCouplings)
    if (cells.isEmpty()) return
    section {
        id = "couplings"
        h2 { +"Learned couplings" }
        p(classes = "note") {
            +"The symmetrised learned coupling matrix (Ĵ + Ĵᵀ)/2 at the final evaluation (artefacts/couplings.json) "
            +"beside the true J where the data's couplings are known; entry (i, j) at row i from the top, column j from "
            +"the left. Diverging colour map centred at 0 (blue negative, white 0, red positive), matrices compared on "
            +"one scale; grey marks non-finite values."
        }
        couplingGrid(grouping)
        details {
            summary { +"Every cell's learned and true couplings (${cells.size})" }
            cells.forEach { couplingFigure(it, it.couplings!!) }
        }
    }
}

private fun FlowContent.couplingGrid(grouping: Grouping) {
    val datasets = grouping.datasets.filter { d -> grouping.rows.any { firstWith(grouping, it.label, d, ::hasCouplings) != null } }
    val rows = grouping.rows.filter { r -> datasets.any { firstWith(grouping, r.label, it, ::hasCouplings) != null } }
    val shown = datasets.associateWith { d -> rows.mapNotNull { firstWith(grouping, it.label, d, ::hasCouplings) } }
    val truth = shown.mapValues { (_, cells) -> cells.firstOrNull { it.couplings!!.truth != null } }
    val scales = datasets.associateWith { d ->
        couplingScale(shown.getValue(d).map { it.couplings!!.learned } + listOfNotNull(truth[d]?.couplings?.truth))
    }
    table(classes = "density-grid") {
        thead { tr { th { +"setting" }; datasets.forEach { th { +it } } } }
        tbody {
            tr {
                th(classes = "rowlabel") { +"true J" }
                datasets.forEach { d ->
                    val source = truth[d]?.couplings
                    td {
                        if (source == null) +"not known" else {
                            heatmap(DensityImages.signedMatrix(source.truth!!, source.dim, scales.getValue(d)), "true J of $d", GRID_PX)
                            br()
                            span(classes = "note") { +"D = ${source.dim}" }
                        }
                    }
                }
            }
            rows.forEach { row ->
                tr {
                    th(classes = "rowlabel") { +row.label }
                    datasets.forEach { d ->
                        val cell = firstWith(grouping, row.label, d, ::hasCouplings)
                        td {
                            if (cell == null) +"—" else {
                                val c = cell.couplings!!
                                val map = DensityImages.signedMatrix(c.learned, c.dim, scales.getValue(d))
                                heatmap(map, "learned J of ${row.label} on $d", GRID_PX)
                                br()
                                span(classes = "note") {
                                    +"seed ${seedOf(cell)}"
                                    if (map.nonFinite > 0) +", ${map.nonFinite} non-finite"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    p(classes = "note") {
        +"Rows: settings; columns: datasets. Each image is the first seed's learned J; one colour scale per column: "
        +datasets.joinToString("; ") { "$it: ${scaleText(scales.getValue(it))}" }
        +"."
    }
}

private fun FlowContent.couplingFigure(cell: CellRun, c: CouplingMatrices) {
    val scale = couplingScale(listOfNotNull(c.learned, c.truth))
    val learned = DensityImages.signedMatrix(c.learned, c.dim, scale)
    figure(classes = "density") {
        div(classes = "pair") {
            heatmap(learned, "learned J of ${Format.cellLabel(cell)}", IMAGE_PX)
            c.truth?.let { heatmap(DensityImages.signedMatrix(it, c.dim, scale), "true J of ${Format.cellLabel(cell)}", IMAGE_PX) }
        }
        figcaption {
            +"${Format.cellLabel(cell)} (${cell.id}). Left: learned J, D = ${c.dim}"
            if (learned.nonFinite > 0) +" (${learned.nonFinite} non-finite entries in grey)"
            +(if (c.truth != null) "; right: true J. " else "; the true J is not known. ")
            +"Colour scale: ${scaleText(scale)}."
        }
    }
}
