package org.ebmworkbench.engine.sampler

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import org.ebmworkbench.engine.proposal.Proposal
import kotlin.math.ln

/** Test-only proposal: the uniform distribution on {0, 1}^[d], log q = −D log 2. */
class UniformBits(private val d: Int) : Proposal {
    override fun dim() = d

    override fun sample(manager: NDManager, n: Int): NDArray =
        manager.randomUniform(0f, 1f, Shape(n.toLong(), d.toLong())).lt(0.5f).toType(DataType.FLOAT32, false)

    override fun logProb(x: NDArray): NDArray = x.manager.full(Shape(x.shape[0]), (-d * ln(2.0)).toFloat(), x.dataType)

    override fun describe() = "uniform on {0, 1}^$d"
}
