package org.ebmworkbench.dsl.spec

import kotlinx.serialization.modules.PolymorphicModuleBuilder
import kotlinx.serialization.modules.SerializersModule
import kotlinx.serialization.modules.polymorphic

/**
 * The registry: every component type a script can use, one line each. A new objective, sampler, proposal, energy,
 * dataset type or metric is its engine class, one file with its factory, spec and [ComponentType], and one line here;
 * the JSON form, `ebm list` and the contract tests pick it up from this list.
 */
object Components {
    val all: List<ComponentType<*, *>> = listOf(
        ToyDatasetSpec.Type,
        CsvDatasetSpec.Type,
        LatticeIsingSpec.Type,
        GrayCodeSpec.Type,
        MlpEnergySpec.Type,
        QuadraticEnergySpec.Type,
        FittedGaussianProposalSpec.Type,
        GaussianProposalSpec.Type,
        UniformBoxProposalSpec.Type,
        FittedUniformBoxProposalSpec.Type,
        FittedGaussianMixtureProposalSpec.Type,
        UniformBinaryProposalSpec.Type,
        DataMeanBernoulliProposalSpec.Type,
        SnlSpec.Type,
        ContrastiveDivergenceSpec.Type,
        NceSpec.Type,
        EnergyDiscrepancySpec.Type,
        LogIsSpec.Type,
        ExactScoreMatchingSpec.Type,
        DenoisingScoreMatchingSpec.Type,
        SlicedScoreMatchingSpec.Type,
        LangevinSpec.Type,
        DecoupledLangevinSpec.Type,
        MalaSpec.Type,
        HmcSpec.Type,
        GibbsSpec.Type,
        GridLogLikelihoodSpec.Type,
        IsLogLikelihoodSpec.Type,
        MseLogDensitySpec.Type,
        MmdSpec.Type,
        LogRmseJSpec.Type,
        HammingMmdSpec.Type,
        NllIsSpec.Type,
        NllExactSpec.Type,
        SamplerEfficiencySpec.Type,
    )

    /** The registered types of [category], in registration order. */
    @Suppress("UNCHECKED_CAST")
    fun <B : Any> of(category: Category<B>): List<ComponentType<B, out B>> =
        all.filter { it.category == category } as List<ComponentType<B, out B>>

    /** The polymorphic JSON form of every category: `{"type": "<serial name>", …}`. */
    val serializersModule: SerializersModule = SerializersModule {
        Category.all.forEach { category -> register(category) }
    }

    private fun <B : Any> kotlinx.serialization.modules.SerializersModuleBuilder.register(category: Category<B>) {
        polymorphic(category.base) { of(category).forEach { subclass(it) } }
    }

    @Suppress("UNCHECKED_CAST")
    private fun <B : Any> PolymorphicModuleBuilder<B>.subclass(type: ComponentType<B, out B>) {
        val t = type as ComponentType<B, B>
        subclass(t.specClass, t.serializer)
    }
}
