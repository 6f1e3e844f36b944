package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** The energy function `E(x)`; the model density is `p(x) ∝ exp(-E(x))`. The input width comes from the data. */
@Serializable
sealed interface EnergySpec

/** Pointwise non-linearities of [MlpEnergySpec]. */
@Serializable
enum class Activation {
    @SerialName("softplus") SOFTPLUS,
    @SerialName("silu") SILU,
    @SerialName("relu") RELU,
    @SerialName("leaky_relu") LEAKY_RELU,
}

/**
 * A multi-layer perceptron `D → hidden[0] → … → hidden[k-1] → 1` with no bias on the final layer (the
 * normaliser `b` of SNL/NCE lives beside the energy, not inside it). [leakySlope] is used only by
 * [Activation.LEAKY_RELU].
 */
@Serializable
@SerialName("mlp")
data class MlpEnergySpec(
    val hidden: List<Int>,
    val activation: Activation = Activation.SOFTPLUS,
    val leakySlope: Double = 0.01,
) : EnergySpec {
    init {
        Check.that(hidden.isNotEmpty()) { "mlp.hidden must list at least one width, e.g. mlp(128, 128)" }
        hidden.forEachIndexed { i, w -> Check.atLeast("mlp.hidden[$i]", w, 1) }
        Check.atLeast("mlp.leakySlope", leakySlope, 0.0)
    }
}

/**
 * The quadratic (Gaussian exponential-family) energy `E(x) = ½ (x - μ)ᵀ P (x - μ)`; with
 * [trainablePrecision] false only the mean `μ` is learned and `P = I` (the SNL paper's Figure 1 model).
 */
@Serializable
@SerialName("quadratic")
data class QuadraticEnergySpec(val trainablePrecision: Boolean = true) : EnergySpec
