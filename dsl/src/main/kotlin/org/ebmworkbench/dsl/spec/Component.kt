package org.ebmworkbench.dsl.spec

import ai.djl.ndarray.NDManager
import kotlinx.serialization.KSerializer
import org.ebmworkbench.engine.check.InvalidParameterException
import org.ebmworkbench.engine.data.Dataset
import kotlin.reflect.KClass

/**
 * A kind of component a script composes. [base] is the spec interface every component of the kind implements; its
 * JSON form is `{"type": "<serial name>", …}`, the subtypes being the registered [ComponentType]s of the kind.
 */
class Category<B : Any> private constructor(val label: String, val base: KClass<B>) {
    override fun toString() = label

    companion object {
        val DATASET = Category("dataset", DatasetSpec::class)
        val ENERGY = Category("energy", EnergySpec::class)
        val PROPOSAL = Category("proposal", ProposalSpec::class)
        val OBJECTIVE = Category("objective", ObjectiveSpec::class)
        val SAMPLER = Category("sampler", SamplerSpec::class)
        val PERTURBATION = Category("perturbation", PerturbationSpec::class)
        val METRIC = Category("metric", MetricSpec::class)

        /** In the order `ebm list` shows them. */
        val all: List<Category<*>> = listOf(DATASET, ENERGY, PROPOSAL, OBJECTIVE, SAMPLER, PERTURBATION, METRIC)
    }
}

/**
 * What a component needs to become an engine object: the cell's training data, its seed and a tensor manager.
 * [targetDim] is the number of target columns of a regression dataset (its last columns; 0 for density estimation).
 */
class BuildContext(val train: Dataset, val manager: NDManager, val seed: Long, val targetDim: Int = 0)

/** A spec that becomes one engine object; the object's own builder checks every value. */
interface EngineSpec<out E : Any> {
    /** The engine object this spec describes; throws [SpecException] (in DSL names) for a value out of range. */
    fun build(context: BuildContext): E
}

/**
 * The one declaration of a component type: everything the workbench derives from a spec class, next to that class
 * and its DSL factory, and listed once in [Components.all]. From it come the JSON form ([serializer]), the `ebm list`
 * entries ([entries]), the DSL names in error messages ([dslName], [parameterNames]) and, for the tests, the engine
 * classes it reaches ([engineClasses]) and the defaults it must share with them ([defaultSpec], [engineDefault]).
 * The mapping to the engine object and smoke shrinking are members of the spec class itself.
 *
 * @property dslName the factory's name, used as the component in messages (`energyDiscrepancy.t must …`).
 */
abstract class ComponentType<B : Any, S : B>(
    val category: Category<B>,
    val specClass: KClass<S>,
    val serializer: KSerializer<S>,
    val dslName: String,
) {
    /** `ebm list`'s lines: the call with its parameter names, and one line of documentation with the defaults. */
    abstract val entries: List<Pair<String, String>>

    /** The engine classes a spec of this type builds (a class without a registered type is unreachable). */
    abstract val engineClasses: List<Class<*>>

    /** The factory called with no arguments, or null where the factory needs some. */
    open val defaultSpec: S? get() = null

    /** The engine builder's default object, which [defaultSpec] must build parameter by parameter; null: none. */
    open fun engineDefault(context: BuildContext): Any? = null

    /**
     * Training data of this type's domain for comparing [defaultSpec] with [engineDefault], where the 2-D toy the
     * comparison uses otherwise is out of the domain (binary data for the data-mean Bernoulli); null: any data.
     */
    open val exampleData: Dataset? get() = null

    /** Target columns of the example data, for regression components (whose data must have a target); 0: none. */
    open val exampleTargetDim: Int get() = 0

    /** Engine parameter name → DSL parameter name, where they differ (e.g. `numProjections` → `projections`). */
    open val parameterNames: Map<String, String> get() = emptyMap()

    /** [block], with an engine range error restated in this component's DSL names. */
    fun <T> inDslNames(block: () -> T): T = try {
        block()
    } catch (e: InvalidParameterException) {
        throw SpecException.of(e, dslName, parameterNames)
    }

    override fun toString() = "$category $dslName"
}
