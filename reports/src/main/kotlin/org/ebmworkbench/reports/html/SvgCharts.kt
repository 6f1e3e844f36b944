package org.ebmworkbench.reports.html

import org.jfree.chart.ChartFactory
import org.jfree.chart.axis.NumberAxis
import org.jfree.chart.plot.PlotOrientation
import org.jfree.data.xy.XYSeries
import org.jfree.data.xy.XYSeriesCollection
import org.jfree.svg.SVGGraphics2D
import java.awt.Color
import java.awt.Rectangle

/** One line of a chart: a label and its (x, y) points. */
internal class Series(val label: String, val x: DoubleArray, val y: DoubleArray)

/**
 * Line charts drawn by JFreeChart into JFreeSVG, returned as an inline `<svg>` element. JFreeSVG escapes
 * text it draws (`<>&"'`), so labels are passed unescaped (escaping them here would show `&amp;lt;`).
 * The opening tag is rewritten to carry only the SVG and XLink namespaces (JFreeSVG also declares its own
 * `http://www.jfree.org/…` namespace, which the report must not contain) and explicit width and height.
 */
internal object SvgCharts {
    const val WIDTH = 640
    const val HEIGHT = 360
    private val openingTag = Regex("^<svg[^>]*>")

    init {
        System.setProperty("java.awt.headless", "true")
    }

    /**
     * An XY line chart of [series]. Points with a non-finite x or y are skipped. Duplicate labels are made
     * unique by a numeric suffix, since each series must stay distinguishable. [idPrefix] keeps clip-path
     * ids unique across the several charts of one HTML document.
     */
    fun lineChart(title: String, xLabel: String, yLabel: String, series: List<Series>, idPrefix: String): String {
        val dataset = XYSeriesCollection()
        val used = mutableSetOf<String>()
        for (s in series) {
            var label = s.label
            var k = 2
            while (!used.add(label)) label = "${s.label} (${k++})"
            val xy = XYSeries(label, true, true)
            for (i in s.x.indices) if (s.x[i].isFinite() && s.y[i].isFinite()) xy.add(s.x[i], s.y[i])
            dataset.addSeries(xy)
        }
        val chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL, true, false, false)
        chart.backgroundPaint = Color.WHITE
        val plot = chart.xyPlot
        plot.backgroundPaint = Color.WHITE
        plot.domainGridlinePaint = Color(0xdddddd)
        plot.rangeGridlinePaint = Color(0xdddddd)
        (plot.rangeAxis as NumberAxis).autoRangeIncludesZero = false
        val g2 = SVGGraphics2D(WIDTH.toDouble(), HEIGHT.toDouble())
        g2.defsKeyPrefix = idPrefix
        chart.draw(g2, Rectangle(0, 0, WIDTH, HEIGHT))
        val svg = g2.svgElement
        check(openingTag.containsMatchIn(svg)) { "unexpected SVG from JFreeSVG" }
        return openingTag.replaceFirst(
            svg,
            """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" """ +
                """width="$WIDTH" height="$HEIGHT" viewBox="0 0 $WIDTH $HEIGHT" role="img">""",
        )
    }
}
