package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.energy.Activation as EngineActivation

// The energies of the DSL: for each, its factory, its spec and its ComponentType, registered in Components.

/** The energy function `E(x)`; the model density is `p(x) ∝ exp(-E(x))`. The input width comes from the data. */
interface EnergySpec : EngineSpec<EnergyModel> {
    /** This energy in a smoke run; unchanged by default. */
    fun smoke(): EnergySpec = this
}

/** Pointwise non-linearities of [MlpEnergySpec] (the engine's, by name). */
@Serializable
enum class Activation {
    @SerialName("softplus") SOFTPLUS,
    @SerialName("silu") SILU,
    @SerialName("relu") RELU,
    @SerialName("leaky_relu") LEAKY_RELU,
}

/** Softplus, `log(1 + eˣ)`: smooth, so energies have well-defined gradients everywhere (ED 2-D default). */
val softplus: Activation = Activation.SOFTPLUS

/** SiLU / Swish, `x·σ(x)`. */
val silu: Activation = Activation.SILU

/** ReLU. */
val relu: Activation = Activation.RELU

/** Leaky ReLU with slope `leakySlope` for negative inputs. */
val leakyRelu: Activation = Activation.LEAKY_RELU

/** An MLP energy with the given hidden widths, e.g. `mlp(128, 128, 128)`; see [MlpEnergySpec]. */
fun mlp(
    vararg hidden: Int,
    activation: Activation = Activation.valueOf(MlpEnergy.Builder.DEFAULT_ACTIVATION.name),
    leakySlope: Double = MlpEnergy.Builder.DEFAULT_LEAKY_SLOPE,
): MlpEnergySpec = MlpEnergySpec(hidden.toList(), activation, leakySlope)

/**
 * A multi-layer perceptron `D → hidden[0] → … → hidden[k-1] → 1` with no bias on the final layer (the
 * normaliser `b` of SNL/NCE lives beside the energy, not inside it). [leakySlope] is used only by
 * [Activation.LEAKY_RELU].
 */
@Serializable
@SerialName("mlp")
data class MlpEnergySpec(val hidden: List<Int>, val activation: Activation, val leakySlope: Double) : EnergySpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        MlpEnergy.builder().setInputDim(context.train.dim()).setHidden(*hidden.toIntArray())
            .optActivation(EngineActivation.valueOf(activation.name)).optLeakySlope(leakySlope).build()
    }

    /** Every hidden width capped at [SMOKE_WIDTH], the depth kept. */
    override fun smoke() = copy(hidden = hidden.map { minOf(it, SMOKE_WIDTH) })

    object Type : ComponentType<EnergySpec, MlpEnergySpec>(Category.ENERGY, MlpEnergySpec::class, MlpEnergySpec.serializer(), "mlp") {
        override val engineClasses = listOf(MlpEnergy::class.java)
        override val entries get() = mlp(1).let { m ->
            listOf(
                "mlp(vararg hidden, activation, leakySlope)" to
                    "MLP D→hidden…→1, no final bias; activation = ${m.activation.name.lowercase()} (or silu, relu, " +
                    "leakyRelu), leakySlope = ${m.leakySlope}; ED 2-D: mlp(128, 128, 128, 128), SNL 2-D: mlp(300, 200, 100, 50).",
            )
        }
    }
}

/** A quadratic (Gaussian) energy; see [QuadraticEnergySpec]. */
fun quadratic(trainablePrecision: Boolean = QuadraticEnergy.DEFAULT_TRAINABLE_PRECISION): QuadraticEnergySpec =
    QuadraticEnergySpec(trainablePrecision)

/**
 * The quadratic (Gaussian exponential-family) energy `E(x) = ½ (x - μ)ᵀ P (x - μ)`; with
 * [trainablePrecision] false only the mean `μ` is learned and `P = I` (the SNL paper's Figure 1 model).
 */
@Serializable
@SerialName("quadratic")
data class QuadraticEnergySpec(val trainablePrecision: Boolean) : EnergySpec {
    override fun build(context: BuildContext) = Type.inDslNames { QuadraticEnergy(context.train.dim(), trainablePrecision) }

    object Type : ComponentType<EnergySpec, QuadraticEnergySpec>(
        Category.ENERGY, QuadraticEnergySpec::class, QuadraticEnergySpec.serializer(), "quadratic",
    ) {
        override val defaultSpec get() = quadratic()
        override val engineClasses = listOf(QuadraticEnergy::class.java)
        override fun engineDefault(context: BuildContext) =
            QuadraticEnergy(context.train.dim(), QuadraticEnergy.DEFAULT_TRAINABLE_PRECISION)
        override val entries get() = listOf(
            "quadratic(trainablePrecision)" to "Quadratic (Gaussian) energy ½(x−μ)ᵀP(x−μ); trainablePrecision = " +
                "${defaultSpec.trainablePrecision} (false: P = I, the SNL Figure 1 model).",
        )
    }
}
