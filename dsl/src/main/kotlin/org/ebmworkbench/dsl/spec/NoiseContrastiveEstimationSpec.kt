package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.objective.NoiseContrastiveEstimation
import org.ebmworkbench.engine.objective.NoiseContrastiveEstimation.Builder as Defaults

/** Noise-contrastive estimation with the cell's proposal as noise; see [NceSpec]. */
fun nce(
    noisePerDatum: Int = Defaults.DEFAULT_NOISE_PER_DATUM,
    noiseSamples: Int = Defaults.DEFAULT_NOISE_SAMPLES,
): NceSpec = NceSpec(noisePerDatum, noiseSamples)

/**
 * Noise-contrastive estimation (Gutmann & Hyvärinen 2010): logistic classification of data
 * against proposal samples, with a learned normaliser `c` (`log p = −E − c`): [noisePerDatum] samples per data point,
 * or, when [noiseSamples] > 0, that many per step whatever the batch size (ν = noiseSamples / batch, as the SNL code's
 * baseline draws its proposal samples).
 */
@Serializable
@SerialName("nce")
data class NceSpec(val noisePerDatum: Int, val noiseSamples: Int) : ObjectiveSpec {
    override val type: String get() = "nce"

    override fun build(context: BuildContext) = Type.inDslNames {
        NoiseContrastiveEstimation.builder().optNoisePerDatum(noisePerDatum).optNoiseSamples(noiseSamples).build()
    }

    override fun smoke(steps: Int) = copy(noiseSamples = minOf(noiseSamples, SMOKE_PROPOSAL_SAMPLES))

    object Type : ComponentType<ObjectiveSpec, NceSpec>(Category.OBJECTIVE, NceSpec::class, NceSpec.serializer(), "nce") {
        override val defaultSpec get() = nce()
        override val engineClasses = listOf(NoiseContrastiveEstimation::class.java)
        override fun engineDefault(context: BuildContext) = NoiseContrastiveEstimation.builder().build()
        override val entries get() = listOf(
            "nce(noisePerDatum, noiseSamples)" to
                "Noise-contrastive estimation (Gutmann & Hyvärinen 2010) with the proposal as noise and a learned " +
                "normaliser c; noisePerDatum = ${defaultSpec.noisePerDatum}, or noiseSamples > 0 per step " +
                "(ν = noiseSamples / batch).",
        )
    }
}
