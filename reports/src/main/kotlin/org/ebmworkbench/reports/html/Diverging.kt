package org.ebmworkbench.reports.html

/**
 * A diverging colour map for signed values centred at 0: ColorBrewer's RdBu (colour-blind safe), blue for negative,
 * near-white for 0, red for positive, as its eleven anchor colours with linear interpolation between them.
 */
internal object Diverging {
    private val map = AnchorColourMap(
        intArrayOf(
            0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f,
        ),
    )

    /** RGB (0xRRGGBB) for [t] in [−1, 1] (−1 dark blue, 0 white, 1 dark red); values outside are clamped. */
    fun rgb(t: Double): Int {
        require(!t.isNaN()) { "NaN has no diverging colour" }
        return map.rgb((t.coerceIn(-1.0, 1.0) + 1) / 2)
    }
}
