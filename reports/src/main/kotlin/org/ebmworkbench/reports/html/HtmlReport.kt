package org.ebmworkbench.reports.html

import kotlinx.html.body
import kotlinx.html.h1
import kotlinx.html.head
import kotlinx.html.html
import kotlinx.html.lang
import kotlinx.html.meta
import kotlinx.html.p
import kotlinx.html.stream.createHTML
import kotlinx.html.style
import kotlinx.html.title
import kotlinx.html.unsafe
import org.ebmworkbench.reports.compare.Comparison
import org.ebmworkbench.reports.export.ComparisonExport
import org.ebmworkbench.reports.records.AtomicFiles
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Path
import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * The HTML report of one experiment: a single self-contained file (inline CSS, inline SVG charts, PNG
 * heatmaps as data URIs; no JavaScript, no external resource). Every string that comes from a user script
 * is written as escaped text by kotlinx.html; only trusted, generated markup (the CSS constant and the
 * JFreeSVG charts, whose text JFreeSVG escapes) is inserted raw.
 */
object HtmlReport {
    const val FILE_NAME = "report.html"
    const val CSV_FILE = "comparison.csv"
    const val JSON_FILE = "comparison.json"

    /**
     * Reads the run records under [experimentDir] and writes, each atomically, the comparison table as
     * `comparison.csv` and `comparison.json` (see [ComparisonExport]) and then `report.html`; returns the report's path.
     * Works on partial runs: whatever is missing is reported, not an error. With [refreshSeconds] (while cells run)
     * the report asks the browser to reload it that often, so a tab beside the editor follows the run without
     * JavaScript.
     */
    fun write(experimentDir: Path, refreshSeconds: Int? = null): Path {
        val run = RunRecords.readExperiment(experimentDir)
        val comparison = Comparison.of(run)
        AtomicFiles.writeText(experimentDir.resolve(CSV_FILE), ComparisonExport.csv(comparison))
        AtomicFiles.writeText(experimentDir.resolve(JSON_FILE), ComparisonExport.json(comparison, Format.experimentName(run)))
        val html = render(run, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), comparison, refreshSeconds)
        val target = experimentDir.resolve(FILE_NAME)
        AtomicFiles.writeText(target, html)
        return target
    }

    /** Renders [run] as a complete HTML document; [generatedAt] is printed as the generation date. */
    fun render(run: ExperimentRun, generatedAt: String, refreshSeconds: Int? = null): String =
        render(run, generatedAt, Comparison.of(run), refreshSeconds)

    private fun render(run: ExperimentRun, generatedAt: String, comparison: Comparison, refreshSeconds: Int?): String {
        val name = Format.experimentName(run)
        val done = run.cells.count { it.status?.state == CellState.DONE }
        val grouping = comparison.grouping
        return "<!DOCTYPE html>\n" + withContents(createHTML(prettyPrint = false).html {
            lang = "en"
            head {
                meta(charset = "utf-8")
                refreshSeconds?.let { meta { httpEquiv = "refresh"; content = "$it" } }
                title { +"EBM Workbench report: $name" }
                style { unsafe { +ReportCss.CSS } }
            }
            body {
                h1 { +name }
                p(classes = "note") {
                    +"Generated $generatedAt. ${run.cells.size} cell(s), $done done. "
                    +"The comparison table is also in $CSV_FILE and $JSON_FILE beside this file."
                    refreshSeconds?.let { +" Cells are running: this page reloads every $it s." }
                    if (run.retired.isNotEmpty()) {
                        +" ${run.retired.size} cell folder(s) beside it belong to earlier versions of the script and are left out."
                    }
                }
                provenanceSection(run)
                comparisonSection(run, comparison)
                curvesSection(grouping)
                curve1dSection(grouping)
                densitySection(run, grouping)
                graySamplesSection(run, grouping)
                couplingsSection(run, grouping)
                ablationSection(comparison)
                protocolSection(grouping.layout)
                metricsSection(run)
                specSection(run)
                environmentSection(run)
                missingSection(run, grouping)
            }
        })
    }

    /** A section as every section function writes it: its id, then its heading. */
    private val SECTION = Regex("<section id=\"([^\"]+)\"><h2>([^<]+)</h2>")

    /**
     * [html] with a table of contents before its first section: a link to each section in the order the report
     * rendered them. Built from the rendered markup (ids and headings are generated text, already escaped), so a
     * section that a report leaves out (no 1-D curve, no couplings, …) is never listed.
     */
    private fun withContents(html: String): String {
        val sections = SECTION.findAll(html).map { it.groupValues[1] to it.groupValues[2] }.toList()
        val first = html.indexOf("<section id=")
        if (sections.isEmpty() || first < 0) return html
        val nav = sections.joinToString("", "<nav class=\"contents\"><strong>Contents</strong><ul>", "</ul></nav>") { (id, title) ->
            "<li><a href=\"#$id\">$title</a></li>"
        }
        return html.substring(0, first) + nav + html.substring(first)
    }
}
