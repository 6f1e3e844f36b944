package org.ebmworkbench.dsl.bench

import ai.djl.engine.Engine
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDArrays
import ai.djl.ndarray.NDList
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.NDScope
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import ai.djl.nn.Activation
import ai.djl.nn.core.Linear
import ai.djl.pytorch.engine.PtNDArray
import ai.djl.pytorch.jni.JniUtils
import ai.djl.training.optimizer.Optimizer
import ai.djl.training.tracker.Tracker
import kotlin.math.ln
import kotlin.math.sqrt

/**
 * The yardstick of the engine's speed: the ED 2-D training step written directly against DJL, the way a researcher
 * would write it without the workbench, with none of the engine's layers (no Trainer, Objective, EnergyModel or
 * Parameters). One step: a fresh batch of 25 Gaussians drawn on the device, x⁻ = x + √t ξ + √t ξⱼ (j = 1..m),
 * E of concat(x, x⁻) through the MLP (softplus, no output bias), loss mean_i logsumexp([E(xᵢ) − E(x⁻ᵢⱼ)]ⱼ ∪ {log w}),
 * backward, DJL's Adam (lr 1e-3) and an EMA (0.999) of the weights: the work of the engine's ED cell at the official
 * setting. Nothing is read to the host inside [steps] but the loss at its end, so on a GPU the time is the kernels'.
 */
class ReferenceEdLoop(
    private val manager: NDManager,
    private val batch: Int,
    private val m: Int,
    hidden: IntArray,
    private val t: Double = 1.0,
    private val w: Double = 1.0,
) : AutoCloseable {
    private val layers = buildList {
        var inputs = 2
        for (width in hidden.toList() + 1) {
            val bound = (1 / sqrt(inputs.toDouble())).toFloat()
            add(manager.randomUniform(-bound, bound, Shape(width.toLong(), inputs.toLong())))
            if (width != 1) add(manager.randomUniform(-bound, bound, Shape(width.toLong())))
            inputs = width
        }
    }
    private val averages = layers.map { it.duplicate() }
    private val optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build()
    private val centres = manager.create(
        (-2..2).flatMap { a -> (-2..2).flatMap { b -> listOf(2f * a, 2f * b) } }.toFloatArray(), Shape(25, 2),
    )

    init {
        layers.forEach { it.setRequiresGradient(true) }
    }

    /** Runs [count] steps and returns the last loss (the one host read). */
    fun steps(count: Int): Double {
        var last = 0.0
        repeat(count) { k -> last = step(readLoss = k == count - 1) }
        return last
    }

    private fun step(readLoss: Boolean): Double {
        var loss = 0.0
        val gradients: NDList
        NDScope().use {
            val x = centres.get(manager.randomInteger(0, 25, Shape(batch.toLong()), DataType.INT64))
                .add(manager.randomNormal(0f, 0.2f, Shape(batch.toLong(), 2), DataType.FLOAT32)).div(1.414f)
            val sd = sqrt(t).toFloat()
            val y = x.add(manager.randomNormal(0f, sd, x.shape, DataType.FLOAT32))
            val negatives = y.expandDims(1).add(manager.randomNormal(0f, sd, Shape(batch.toLong(), m.toLong(), 2), DataType.FLOAT32))
                .reshape(batch.toLong() * m, 2)
            Engine.getInstance().newGradientCollector().use { collector ->
                val energies = energy(NDArrays.concat(NDList(x, negatives)))
                val dataEnergy = energies.get("0:$batch")
                val negativeEnergy = energies.get("$batch:").reshape(batch.toLong(), m.toLong())
                val logits = dataEnergy.expandDims(1).sub(negativeEnergy)
                val withStabiliser = NDArrays.concat(NDList(logits, logits.get(":, :1").zerosLike().add(ln(w))), 1)
                val shift = withStabiliser.max(intArrayOf(1), true).stopGradient()
                val value = withStabiliser.sub(shift).exp().sum(intArrayOf(1)).log().add(shift.squeeze(1)).mean()
                collector.backward(value)
                if (readLoss) loss = value.getFloat().toDouble()
            }
            gradients = NDList(layers.map { it.gradient })
            NDScope.unregister(gradients)
        }
        // Outside the scope: Adam creates its moments on the first update and they must outlive the step.
        layers.forEachIndexed { i, p ->
            optimizer.update("p$i", p, gradients[i])
            JniUtils.zeroGrad(p as PtNDArray)
        }
        gradients.close()
        NDScope().use { averages.forEachIndexed { i, a -> a.muli(0.999f).addi(layers[i].mul(0.001f)) } }
        return loss
    }

    private fun energy(input: NDArray): NDArray {
        var h = input
        var i = 0
        while (i < layers.size - 1) {
            h = Activation.softPlus(Linear.linear(h, layers[i], layers[i + 1]).singletonOrThrow())
            i += 2
        }
        return Linear.linear(h, layers[i]).singletonOrThrow().squeeze(1)
    }

    override fun close() {
        (layers + averages + centres).forEach { it.close() }
    }
}
