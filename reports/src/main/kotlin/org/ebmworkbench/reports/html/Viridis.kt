package org.ebmworkbench.reports.html

/**
 * The viridis colour map (perceptually uniform, colour-blind safe, monotone in lightness), approximated by
 * nine anchor colours of matplotlib's table at t = 0, 1/8, …, 1 with linear interpolation between them.
 */
internal object Viridis {
    private val anchors = intArrayOf(
        0x440154, 0x472c7a, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725,
    )

    /** RGB (0xRRGGBB) for [t] in [0, 1]; values outside are clamped. NaN is not a colour: callers handle it. */
    fun rgb(t: Double): Int {
        require(!t.isNaN()) { "NaN has no viridis colour" }
        val x = t.coerceIn(0.0, 1.0) * (anchors.size - 1)
        val i = minOf(x.toInt(), anchors.size - 2)
        val f = x - i
        val a = anchors[i]
        val b = anchors[i + 1]
        fun channel(shift: Int): Int {
            val ca = (a shr shift) and 0xff
            val cb = (b shr shift) and 0xff
            return Math.round(ca + f * (cb - ca)).toInt()
        }
        return (channel(16) shl 16) or (channel(8) shl 8) or channel(0)
    }
}
