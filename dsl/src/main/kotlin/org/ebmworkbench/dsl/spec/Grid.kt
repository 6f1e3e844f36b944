package org.ebmworkbench.dsl.spec

/** Expansion of `method`/`vary`/`zip` blocks into the settings of an experiment; see [SettingsBuilder]. */
internal object Grid {
    /** One option of an axis: the labels it adds and the block that applies it. */
    class Option(val labels: Map<String, String>, val apply: VariantBuilder.() -> Unit)

    /** A list of alternatives; sibling axes multiply. */
    class Axis(val names: List<String>, val options: MutableList<Option>)

    @Suppress("UNCHECKED_CAST")
    fun axis(names: List<String>, values: List<List<Any?>>, block: VariantBuilder.(List<Any?>) -> Unit): Axis {
        Check.that(names.all { it.isNotBlank() }) { "vary(...) needs non-blank parameter names" }
        Check.that(names.toSet().size == names.size) { "vary(...) names a parameter twice: $names" }
        Check.that(values.isNotEmpty()) { "vary(${names.joinToString { "\"$it\"" }}) needs at least one value" }
        val options = values.map { v ->
            Option(names.zip(v.map(VariantSpec::formatValue)).toMap()) { block(v) }
        }
        val labels = options.map { it.labels }
        Check.that(labels.toSet().size == labels.size) {
            "vary(${names.joinToString { "\"$it\"" }}) lists a value twice: ${labels.map { it.values.joinToString(",") }}"
        }
        return Axis(names, options.toMutableList())
    }

    /** Every leaf of the tree of axes below [root], in declaration order (the first axis varies slowest). */
    fun expand(root: SettingsBuilder, where: String): List<VariantSpec> = expand(root, root.axes.toList(), where)

    private fun expand(scope: SettingsBuilder, pending: List<Axis>, where: String): List<VariantSpec> {
        if (pending.isEmpty()) return listOf(leaf(scope, where))
        val axis = pending.first()
        return axis.options.flatMap { option ->
            val clash = option.labels.keys.firstOrNull { it in scope.labels }
            Check.that(clash == null) { "$where: the parameter \"$clash\" is varied twice in one branch" }
            val child = VariantBuilder()
            scope.copyInto(child)
            child.labels.putAll(option.labels)
            child.apply(option.apply)
            expand(child, child.axes.toList() + pending.drop(1), where)
        }
    }

    private fun leaf(scope: SettingsBuilder, where: String): VariantSpec {
        val at = if (scope.labels.isEmpty()) where
        else "$where, setting ${scope.labels.entries.joinToString(", ") { (k, v) -> "$k=$v" }}"
        fun missing(part: String, example: String): Nothing = Check.fail("$at: $part is missing, e.g. $example")
        return VariantSpec(
            labels = LinkedHashMap(scope.labels),
            energy = scope.energy ?: missing("energy", "energy = mlp(128, 128)"),
            proposal = scope.proposal,
            objective = scope.objective ?: missing("objective", "objective = snl()"),
            training = scope.training ?: missing("train", "train { steps = 1_000 }"),
            metrics = scope.metrics,
        )
    }
}
