package org.ebmworkbench.dsl.spec

/**
 * The settings of one or many cells, shared by the experiment and its `method`/`vary` blocks. A block sees the
 * settings of its enclosing scope, whatever their order in the script (blocks are applied when the experiment is
 * built), and changes only what it sets.
 *
 * Grids are typed: the values of a varied parameter are Kotlin values passed to the ordinary factories
 * (`vary("t", 0.0025, 1.0, 2500.0) { t -> objective = energyDiscrepancy(t = t) }`), so a misspelt parameter or a
 * value of the wrong type is a compile error.
 * - Sibling axes multiply: two `vary` calls in the same scope give every combination; so do the several axes of
 *   one `vary(a, b, c) { }` call.
 * - A `vary` inside a `method` or `vary` block varies only that branch.
 * - `zip(a, b) { }` varies parameters together (its lists have the same length).
 * - All `method("…") { }` calls of one scope form one axis, named `method`.
 */
@EbmDsl
@Suppress("UNCHECKED_CAST")
sealed class SettingsBuilder {
    /** The energy function, e.g. `mlp(128, 128)` or `quadratic()`. Required. */
    var energy: EnergySpec? = null
        set(value) { field = value; SpecOrigins.record(value) }

    /** The proposal `q` for importance sampling / noise; default `gaussian()` (diagonal, fitted to the data). */
    var proposal: ProposalSpec = gaussian()
        set(value) { field = value; SpecOrigins.record(value) }

    /** The objective, e.g. `snl()`. Required. */
    var objective: ObjectiveSpec? = null
        set(value) { field = value; SpecOrigins.record(value) }

    internal var training: TrainingSpec? = null
    internal var metrics: List<MetricSpec> = emptyList()
    internal val labels = LinkedHashMap<String, String>()
    internal val axes = mutableListOf<Grid.Axis>()
    private var methodAxis: Grid.Axis? = null

    /**
     * Training settings, starting from the enclosing scope's (or the defaults), checked when the block ends so an
     * error points at this line of the script.
     */
    fun train(block: TrainingBuilder.() -> Unit) {
        val line = SpecOrigins.here()
        training = TrainingBuilder(training).apply(block).build().also { SpecOrigins.record(it, line) }
    }

    /** The metrics evaluated on the test set (replaces any earlier call). */
    fun metrics(vararg metrics: MetricSpec) {
        this.metrics = metrics.toList()
        metrics.forEach(SpecOrigins::record)
    }

    /** One method of the comparison, its row label [label]; all `method` calls of this scope form one axis. */
    fun method(label: String, block: VariantBuilder.() -> Unit) {
        Check.that(label.isNotBlank()) { "method(...) needs a non-blank label" }
        val axis = methodAxis ?: Grid.Axis(listOf("method"), mutableListOf()).also { methodAxis = it; axes += it }
        Check.that(axis.options.none { it.labels["method"] == label }) { "method(\"$label\") is declared twice" }
        axis.options += Grid.Option(mapOf("method" to label), block)
    }

    /** Runs [block] once per value of the parameter [name]: `vary("m", 1, 4, 32) { m -> … }`. */
    fun <A> vary(name: String, vararg values: A, block: VariantBuilder.(A) -> Unit) {
        vary(name to values.toList(), block)
    }

    /** Runs [block] once per value: `vary("lr" to listOf(1e-3, 1e-4)) { lr -> … }`. */
    fun <A> vary(a: Pair<String, List<A>>, block: VariantBuilder.(A) -> Unit) {
        axes += Grid.axis(listOf(a.first), a.second.map { listOf(it) }) { v -> block(v[0] as A) }
    }

    /** Every combination of two parameters' values. */
    fun <A, B> vary(a: Pair<String, List<A>>, b: Pair<String, List<B>>, block: VariantBuilder.(A, B) -> Unit) {
        val combos = a.second.flatMap { x -> b.second.map { y -> listOf(x, y) } }
        axes += Grid.axis(listOf(a.first, b.first), combos) { v -> block(v[0] as A, v[1] as B) }
    }

    /** Every combination of three parameters' values. */
    fun <A, B, C> vary(
        a: Pair<String, List<A>>, b: Pair<String, List<B>>, c: Pair<String, List<C>>,
        block: VariantBuilder.(A, B, C) -> Unit,
    ) {
        val combos = a.second.flatMap { x -> b.second.flatMap { y -> c.second.map { z -> listOf(x, y, z) } } }
        axes += Grid.axis(listOf(a.first, b.first, c.first), combos) { v -> block(v[0] as A, v[1] as B, v[2] as C) }
    }

    /** Two parameters varied together: the i-th value of one with the i-th of the other. */
    fun <A, B> zip(a: Pair<String, List<A>>, b: Pair<String, List<B>>, block: VariantBuilder.(A, B) -> Unit) {
        Check.that(a.second.size == b.second.size) {
            "zip(\"${a.first}\", \"${b.first}\"): the lists have different lengths (${a.second.size} and ${b.second.size})"
        }
        axes += Grid.axis(listOf(a.first, b.first), a.second.zip(b.second) { x, y -> listOf(x, y) }) { v ->
            block(v[0] as A, v[1] as B)
        }
    }

    internal fun copyInto(target: SettingsBuilder) {
        target.energy = energy
        target.proposal = proposal
        target.objective = objective
        target.training = training
        target.metrics = metrics
        target.labels.putAll(labels)
    }
}
