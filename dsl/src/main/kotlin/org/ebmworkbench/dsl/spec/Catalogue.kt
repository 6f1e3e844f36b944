package org.ebmworkbench.dsl.spec

/**
 * One building block of the DSL as `ebm list` shows it.
 *
 * @property category `dataset`, `energy`, `proposal`, `objective`, `sampler`, `metric`, `train`, `optimizer` or
 *   `grid`.
 * @property name the DSL call with its parameter names, e.g. `snl(proposalSamples, biasInitSamples, …)`.
 * @property doc one line: what it is, its defaults and where they come from.
 */
data class CatalogueEntry(val category: String, val name: String, val doc: String)

/**
 * Everything a script can call, with defaults and provenance: the entries of every registered component type
 * ([Components]), then `train { }` with its optimisers and the grid constructs. The defaults in the docs are read from
 * the factories, which read them from the engine builders, so they cannot drift from the code.
 */
object Catalogue {
    val entries: List<CatalogueEntry>
        get() = Category.all.flatMap { category ->
            Components.of(category).flatMap { type -> type.entries.map { (call, doc) -> CatalogueEntry(category.label, call, doc) } }
        } + TrainingSpec.entries + grid()

    private fun grid(): List<CatalogueEntry> = listOf(
        CatalogueEntry("grid", "datasets(vararg datasets)", "The datasets each setting runs on; each one gives its own cells."),
        CatalogueEntry("grid", "seeds(vararg seeds) | seeds(range)", "The seeds each dataset and setting runs with; default seeds(0)."),
        CatalogueEntry("grid", "method(label) { … }", "One row of the comparison; all method blocks of a scope form one axis named method."),
        CatalogueEntry("grid", "vary(name, vararg values) { v -> … }",
            "One setting per value (up to three name to list pairs multiply); a vary inside a block varies only that branch."),
        CatalogueEntry("grid", "zip(a to listA, b to listB) { x, y -> … }", "Two parameters varied together, lists of equal length."),
    )
}
