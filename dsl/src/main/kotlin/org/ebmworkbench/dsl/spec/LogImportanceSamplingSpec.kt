package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.objective.LogImportanceSampling

/** The biased log-IS baseline; see [LogIsSpec]. */
fun logIs(proposalSamples: Int = LogImportanceSampling.Builder.DEFAULT_PROPOSAL_SAMPLES): LogIsSpec =
    LogIsSpec(proposalSamples)

/** The biased log-IS baseline: minimises `Ē + log Ẑ` with Ẑ from [proposalSamples] proposal samples. */
@Serializable
@SerialName("log_is")
data class LogIsSpec(val proposalSamples: Int) : ObjectiveSpec {
    override val type: String get() = "log_is"

    override fun build(context: BuildContext) = Type.inDslNames {
        LogImportanceSampling.builder().optProposalSamples(proposalSamples).build()
    }

    override fun smoke(steps: Int) = copy(proposalSamples = minOf(proposalSamples, SMOKE_PROPOSAL_SAMPLES))

    object Type : ComponentType<ObjectiveSpec, LogIsSpec>(Category.OBJECTIVE, LogIsSpec::class, LogIsSpec.serializer(), "logIs") {
        override val defaultSpec get() = logIs()
        override val engineClasses = listOf(LogImportanceSampling::class.java)
        override fun engineDefault(context: BuildContext) = LogImportanceSampling.builder().build()
        override val entries get() = listOf(
            "logIs(proposalSamples)" to "Biased log-IS baseline: mean E + log Ẑ; proposalSamples = ${defaultSpec.proposalSamples}.",
        )
    }
}
