package org.ebmworkbench.reports.html

/** A colour map given by evenly spaced anchor colours (0xRRGGBB) with linear interpolation between them. */
internal class AnchorColourMap(private val anchors: IntArray) {
    init {
        require(anchors.size >= 2) { "a colour map needs at least 2 anchors, has ${anchors.size}" }
    }

    /** RGB (0xRRGGBB) for [t] in [0, 1] (the first anchor at 0, the last at 1); values outside are clamped. */
    fun rgb(t: Double): Int {
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
