package org.ebmworkbench.reports.html

import org.jfree.chart.ChartFactory
import org.jfree.chart.JFreeChart
import org.jfree.chart.axis.LogAxis
import org.jfree.chart.axis.NumberAxis
import org.jfree.chart.plot.PlotOrientation
import org.jfree.chart.renderer.xy.DeviationRenderer
import org.jfree.data.xy.YIntervalSeries
import org.jfree.data.xy.YIntervalSeriesCollection
import org.jfree.svg.SVGGraphics2D
import java.awt.BasicStroke
import java.awt.Color
import java.awt.Rectangle

/**
 * One line of a chart, optionally with a band: (x, y) points and, when [low]/[high] are given, the band between
 * them. A non-finite band bound draws no band at that point. [dashed] draws a black dashed line (a reference curve).
 */
internal class Band(
    val label: String, val x: DoubleArray, val y: DoubleArray,
    val low: DoubleArray? = null, val high: DoubleArray? = null, val dashed: Boolean = false,
)

/**
 * Line charts with shaded bands, drawn by JFreeChart into JFreeSVG and returned as an inline `<svg>` element.
 * JFreeSVG escapes text it draws (`<>&"'`), so labels are passed unescaped (escaping them here would show `&amp;lt;`).
 * The opening tag is rewritten to carry only the SVG and XLink namespaces (JFreeSVG also declares its own
 * `http://www.jfree.org/…` namespace, which the report must not contain) and explicit width and height.
 */
internal object SvgCharts {
    const val WIDTH = 640
    const val HEIGHT = 360
    private val openingTag = Regex("^<svg[^>]*>")

    /** Tableau 10, a qualitative palette readable on white (JFreeChart's default includes pale yellow). */
    private val PALETTE = intArrayOf(
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    )
    private val DASHED = BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, floatArrayOf(6f, 4f), 0f)

    init {
        System.setProperty("java.awt.headless", "true")
    }

    /**
     * An XY chart of [bands]: lines through the points (non-finite x or y skipped), bands shaded in the line's colour
     * at 20 % opacity; [points] also marks each point; [logX] uses a logarithmic x axis (x must then be positive).
     * Duplicate labels get a numeric suffix. [idPrefix] keeps clip-path ids unique across one HTML document.
     */
    fun bandChart(
        title: String, xLabel: String, yLabel: String, bands: List<Band>, idPrefix: String,
        logX: Boolean = false, points: Boolean = false,
    ): String {
        val dataset = YIntervalSeriesCollection()
        val used = mutableSetOf<String>()
        for (b in bands) {
            var label = b.label
            var k = 2
            while (!used.add(label)) label = "${b.label} (${k++})"
            val series = YIntervalSeries(label, true, true)
            for (i in b.x.indices) {
                val x = b.x[i]
                val y = b.y[i]
                if (!x.isFinite() || !y.isFinite() || (logX && x <= 0)) continue
                val lo = b.low?.get(i)?.takeIf { it.isFinite() } ?: y
                val hi = b.high?.get(i)?.takeIf { it.isFinite() } ?: y
                series.add(x, y, lo, hi)
            }
            dataset.addSeries(series)
        }
        val chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL, true, false, false)
        val renderer = DeviationRenderer(true, points).apply { alpha = 0.2f }
        var colour = 0
        bands.forEachIndexed { i, b ->
            val paint = if (b.dashed) Color.BLACK else Color(PALETTE[colour++ % PALETTE.size])
            renderer.setSeriesPaint(i, paint)
            renderer.setSeriesFillPaint(i, paint) // the band; DeviationRenderer applies the alpha
            renderer.setSeriesStroke(i, if (b.dashed) DASHED else BasicStroke(1.5f))
        }
        chart.xyPlot.renderer = renderer
        if (logX) {
            chart.xyPlot.domainAxis = LogAxis(xLabel).apply {
                standardTickUnits = NumberAxis.createIntegerTickUnits() // ticks at whole powers of ten
                smallestValue = 1e-300
            }
        }
        return svg(chart, idPrefix)
    }

    private fun svg(chart: JFreeChart, idPrefix: String): String {
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
