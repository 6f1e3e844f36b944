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
import org.ebmworkbench.reports.records.AtomicFiles
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

    /** Reads the run records under [experimentDir], writes `experimentDir/report.html` atomically, returns its path. */
    fun write(experimentDir: Path): Path {
        val run = RunRecords.readExperiment(experimentDir)
        val html = render(run, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        val target = experimentDir.resolve(FILE_NAME)
        AtomicFiles.writeText(target, html)
        return target
    }

    /** Renders [run] as a complete HTML document; [generatedAt] is printed as the generation date. */
    fun render(run: ExperimentRun, generatedAt: String): String {
        val name = Format.experimentName(run)
        val done = run.cells.count { it.status?.state == org.ebmworkbench.reports.records.CellState.DONE }
        return "<!DOCTYPE html>\n" + createHTML(prettyPrint = false).html {
            lang = "en"
            head {
                meta(charset = "utf-8")
                title { +"EBM Workbench report: $name" }
                style { unsafe { +ReportCss.CSS } }
            }
            body {
                h1 { +name }
                p(classes = "note") { +"Generated $generatedAt. ${run.cells.size} cell(s), $done done." }
                metricsSection(run)
                curvesSection(run)
                densitySection(run)
                specSection(run)
                environmentSection(run)
                missingSection(run)
            }
        }
    }
}
