package org.ebmworkbench.dsl.spec

import kotlinx.serialization.modules.PolymorphicModuleBuilder
import kotlinx.serialization.modules.SerializersModule
import kotlinx.serialization.modules.polymorphic
import java.util.ServiceLoader

/**
 * Component types from outside the workbench: a jar on the classpath names its providers in
 * `META-INF/services/org.ebmworkbench.dsl.spec.ComponentProvider`, and [Components.all] includes their types.
 * Everything derived from the registry (JSON form, `ebm list`, records and reports) then treats them like ours.
 */
interface ComponentProvider {
    val types: List<ComponentType<*, *>>
}

/**
 * The registry: every component type a script can use, one line each. A new objective, sampler, proposal, energy,
 * dataset type or metric is its engine class, one file with its factory, spec and [ComponentType], and one line here;
 * the JSON form, `ebm list` and the contract tests pick it up from this list.
 */
object Components {
    /** The workbench's own types. */
    private val builtIn: List<ComponentType<*, *>> = listOf(
        ToyDatasetSpec.Type,
        CsvDatasetSpec.Type,
        RegressionToySpec.Type,
        CsvRegressionSpec.Type,
        LatticeIsingSpec.Type,
        GrayCodeSpec.Type,
        MlpEnergySpec.Type,
        QuadraticEnergySpec.Type,
        IsingEnergySpec.Type,
        OneHotEnergySpec.Type,
        BaseDistributionEnergySpec.Type,
        ConditionalMlpEnergySpec.Type,
        FittedGaussianProposalSpec.Type,
        GaussianProposalSpec.Type,
        UniformBoxProposalSpec.Type,
        FittedUniformBoxProposalSpec.Type,
        FittedGaussianMixtureProposalSpec.Type,
        UniformBinaryProposalSpec.Type,
        DataMeanBernoulliProposalSpec.Type,
        TargetGaussianProposalSpec.Type,
        TargetUniformProposalSpec.Type,
        SnlSpec.Type,
        ContrastiveDivergenceSpec.Type,
        NceSpec.Type,
        EnergyDiscrepancySpec.Type,
        PerturbedEnergyDiscrepancySpec.Type,
        LogIsSpec.Type,
        ExactScoreMatchingSpec.Type,
        DenoisingScoreMatchingSpec.Type,
        SlicedScoreMatchingSpec.Type,
        SnlRegressionSpec.Type,
        NceRegressionSpec.Type,
        LogIsRegressionSpec.Type,
        LangevinSpec.Type,
        DecoupledLangevinSpec.Type,
        MalaSpec.Type,
        HmcSpec.Type,
        GibbsSpec.Type,
        GibbsWithGradientsSpec.Type,
        GaussianPerturbationSpec.Type,
        BernoulliPerturbationSpec.Type,
        GridPerturbationSpec.Type,
        PoolingPerturbationSpec.Type,
        GridLogLikelihoodSpec.Type,
        IsLogLikelihoodSpec.Type,
        MseLogDensitySpec.Type,
        MmdSpec.Type,
        LogRmseJSpec.Type,
        HammingMmdSpec.Type,
        NllIsSpec.Type,
        NllExactSpec.Type,
        SamplerEfficiencySpec.Type,
        QuadLogLikelihoodSpec.Type,
    )

    /** Every registered type: the workbench's own, then those of the [ComponentProvider]s on the classpath. */
    val all: List<ComponentType<*, *>> =
        builtIn + ServiceLoader.load(ComponentProvider::class.java, Components::class.java.classLoader).flatMap { it.types }

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

/** [spec] as the script would write it, e.g. `mala(steps=200, stepSize=0.01)`: its factory's name and its values. */
fun dslCall(spec: Any): String {
    val name = Components.all.firstOrNull { it.specClass == spec::class }?.dslName ?: spec.javaClass.simpleName
    return name + spec.toString().substringAfter('(', "()").let { "($it" }
}
