package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.GrayCode
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.engine.proposal.BernoulliProposal
import org.ebmworkbench.engine.proposal.UniformBinaryProposal

// The proposals on the binary hypercube {0, 1}^D, for SNL, log-IS and NCE on discrete data: each with its factory,
// spec and ComponentType, registered in Components.

/** The uniform proposal on {0, 1}^D; see [UniformBinaryProposalSpec]. */
fun uniformBinary(): UniformBinaryProposalSpec = UniformBinaryProposalSpec

/** The uniform distribution on {0, 1}^D, D the data's dimension: log q = −D log 2 for every binary state. */
@Serializable
@SerialName("uniform_binary")
data object UniformBinaryProposalSpec : ProposalSpec {
    override fun build(context: BuildContext) = Type.inDslNames { UniformBinaryProposal(context.train.dim()) }

    object Type : ComponentType<ProposalSpec, UniformBinaryProposalSpec>(
        Category.PROPOSAL, UniformBinaryProposalSpec::class, UniformBinaryProposalSpec.serializer(), "uniformBinary",
    ) {
        override val defaultSpec get() = uniformBinary()
        override val engineClasses = listOf(UniformBinaryProposal::class.java)
        override fun engineDefault(context: BuildContext) = UniformBinaryProposal(context.train.dim())
        override val entries get() = listOf(
            "uniformBinary()" to "Uniform on {0, 1}^D (binary data): log q = -D log 2 for every state.",
        )
    }
}

/** The data-mean Bernoulli proposal on {0, 1}^D; see [DataMeanBernoulliProposalSpec]. */
fun dataMeanBernoulli(epsilon: Double = BernoulliProposal.DEFAULT_EPSILON): DataMeanBernoulliProposalSpec =
    DataMeanBernoulliProposalSpec(epsilon)

/**
 * Independent bits with the training data's per-bit means m_j, kept away from 0 and 1 as
 * p_j = ε + (1 − 2ε) m_j (Grathwohl et al. 2021's base distribution, ε = 0.01), so every state has positive
 * probability. The training data must be binary.
 */
@Serializable
@SerialName("bernoulli_data_mean")
data class DataMeanBernoulliProposalSpec(val epsilon: Double) : ProposalSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        BernoulliProposal.fit(context.manager, context.train, epsilon)
    }

    object Type : ComponentType<ProposalSpec, DataMeanBernoulliProposalSpec>(
        Category.PROPOSAL, DataMeanBernoulliProposalSpec::class, DataMeanBernoulliProposalSpec.serializer(),
        "dataMeanBernoulli",
    ) {
        override val defaultSpec get() = dataMeanBernoulli()
        override val engineClasses = listOf(BernoulliProposal::class.java)
        override fun engineDefault(context: BuildContext) =
            BernoulliProposal.fit(context.manager, context.train, BernoulliProposal.DEFAULT_EPSILON)
        override val exampleData: Dataset get() = binaryExample()
        override val entries get() = listOf(
            "dataMeanBernoulli(epsilon)" to "Independent bits with the binary training data's means, p = eps + " +
                "(1 - 2 eps) * mean, epsilon = ${defaultSpec.epsilon} (Grathwohl et al. 2021's base distribution).",
        )
    }
}

/** Binary training data for the defaults of the binary components: 300 Gray-coded points of two moons. */
internal fun binaryExample(): Dataset = ToyDatasets.byName("two_moons").sample(300, 1L).let { points ->
    GrayCode(GrayCode.referenceHalfWidth(points), GrayCode.DEFAULT_BITS_PER_COORDINATE).encode(points)
}
