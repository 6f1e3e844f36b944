package org.ebmworkbench.reports.html

/**
 * The viridis colour map (perceptually uniform, colour-blind safe, monotone in lightness), approximated by
 * nine anchor colours of matplotlib's table at t = 0, 1/8, …, 1 with linear interpolation between them.
 */
internal object Viridis {
    private val map = AnchorColourMap(
        intArrayOf(0x440154, 0x472c7a, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725),
    )

    /** RGB (0xRRGGBB) for [t] in [0, 1]; values outside are clamped. NaN is not a colour: callers handle it. */
    fun rgb(t: Double): Int {
        require(!t.isNaN()) { "NaN has no viridis colour" }
        return map.rgb(t)
    }
}
