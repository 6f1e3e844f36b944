package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.ebmworkbench.reports.records.DataSample
import org.ebmworkbench.reports.records.DensityGrid
import javax.imageio.ImageIO

class DensityImagesTest : FunSpec({
    fun decode(map: Heatmap) = ImageIO.read(map.png.inputStream())

    test("viridis anchors, interpolation and clamping") {
        Viridis.rgb(0.0) shouldBe 0x440154
        Viridis.rgb(0.5) shouldBe 0x21918c
        Viridis.rgb(1.0) shouldBe 0xfde725
        Viridis.rgb(1.0 / 16) shouldBe ((70 shl 16) or (23 shl 8) or 103)
        Viridis.rgb(-2.0) shouldBe 0x440154
        Viridis.rgb(7.0) shouldBe 0xfde725
    }

    test("the model heatmap has y upwards: a mode at (xMax, yMax) is the top-right pixel") {
        val grid = ReportFixtures.gaussianGrid(3.0, 3.0)
        val image = decode(DensityImages.model(grid))
        val n = ReportFixtures.RESOLUTION
        (image.getRGB(n - 1, 0) and 0xffffff) shouldBe 0xfde725
        (image.getRGB(0, n - 1) and 0xffffff) shouldBe Viridis.rgb(0.0)
        // bottom-right is far in y: darker than top-right, brighter than bottom-left
        (image.getRGB(n - 1, n - 1) and 0xffffff) shouldBe Viridis.rgb(Math.exp(-0.5 * (5.85 * 5.85 - 0.15 * 0.15)))
    }

    test("non-finite log-densities: -Inf is zero density, NaN is grey and counted") {
        val grid = DensityGrid(0.0, 1.0, 0.0, 1.0, 2, listOf(0.0, Double.NEGATIVE_INFINITY, Double.NaN, -1000.0))
        val map = DensityImages.model(grid)
        map.nonFinite shouldBe 1
        val image = decode(map)
        (image.getRGB(0, 1) and 0xffffff) shouldBe 0xfde725 // row 0 (bottom), column 0: max
        (image.getRGB(1, 1) and 0xffffff) shouldBe 0x440154
        (image.getRGB(0, 0) and 0xffffff) shouldBe 0xbbbbbb
    }

    test("the histogram bins points over the same box and counts those outside") {
        val grid = DensityGrid(0.0, 4.0, 0.0, 4.0, 4, List(16) { 0.0 })
        val sample = DataSample(
            listOf(listOf(3.5, 0.5), listOf(3.9, 0.1), listOf(4.0, 0.0), listOf(0.5, 3.5), listOf(9.0, 1.0), listOf(Double.NaN, 1.0)),
        )
        val map = DensityImages.histogram(grid, sample)
        map.size shouldBe 4
        map.outside shouldBe 2
        map.total shouldBe 6
        val image = decode(map)
        (image.getRGB(3, 3) and 0xffffff) shouldBe 0xfde725 // x bin 3, y bin 0 (bottom row): 3 points
        (image.getRGB(0, 0) and 0xffffff) shouldBe Viridis.rgb(1.0 / 3) // x bin 0, y bin 3 (top row): 1 point
        (image.getRGB(1, 1) and 0xffffff) shouldBe 0x440154
        DensityImages.histogramBins(DensityGrid(0.0, 1.0, 0.0, 1.0, 300, List(90000) { 0.0 })) shouldBe 100
    }
})
