package org.ebmworkbench.dsl.script

import org.ebmworkbench.dsl.spec.EbmDsl
import org.ebmworkbench.dsl.spec.ExperimentBuilder
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.SpecException
import org.ebmworkbench.dsl.spec.buildExperiment
import kotlin.script.experimental.annotations.KotlinScript

/**
 * The base class of every `*.ebm.kts` script. A script is a list of `experiment("name") { … }` calls; each
 * builds an immutable [ExperimentSpec] which is recorded in [experiments] for the host to read after the
 * script has run. Scripts only declare: running them trains nothing.
 *
 * This class and [EbmScriptCompilation] are the whole script definition. It is kept apart from the host
 * (`org.ebmworkbench.dsl.host`) so that IntelliJ, which finds it through the marker file
 * `META-INF/kotlin/script/templates/org.ebmworkbench.dsl.script.EbmScript` in the dsl jar, loads only the
 * definition. It is marked [EbmDsl] so that `experiment` cannot be called inside another experiment's block.
 */
@EbmDsl
@KotlinScript(fileExtension = "ebm.kts", compilationConfiguration = EbmScriptCompilation::class)
abstract class EbmScript {
    private val recorded = mutableListOf<ExperimentSpec>()

    /** The experiments declared so far, in script order. */
    val experiments: List<ExperimentSpec> get() = recorded.toList()

    /**
     * Declares an experiment. Throws [SpecException] when a required part is missing, a value is out of
     * range, or another experiment of this script already has the same [name] (names are run folders).
     */
    fun experiment(name: String, block: ExperimentBuilder.() -> Unit) {
        if (recorded.any { it.name == name }) throw SpecException("experiment '$name' is declared twice")
        recorded += buildExperiment(name, block)
    }
}
