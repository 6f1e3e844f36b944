package org.ebmworkbench.dsl.script

import kotlin.script.experimental.api.ScriptAcceptedLocation
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.acceptedLocations
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.api.ide
import kotlin.script.experimental.jvm.dependenciesFromCurrentContext
import kotlin.script.experimental.jvm.jvm

/**
 * How `*.ebm.kts` scripts are compiled, for the host and for the IDE alike:
 * - the whole DSL (`org.ebmworkbench.dsl.spec.*`) is imported, so a script needs no import lines;
 * - the script sees the classpath of the process that compiles it (the dsl jar and its dependencies);
 * - the IDE treats a script anywhere in a project as an EBM script (not only under source roots), since
 *   experiments live in `experiments/`.
 */
object EbmScriptCompilation : ScriptCompilationConfiguration({
    defaultImports("org.ebmworkbench.dsl.spec.*")
    jvm {
        dependenciesFromCurrentContext(wholeClasspath = true)
    }
    ide {
        acceptedLocations(ScriptAcceptedLocation.Everywhere)
    }
}) {
    private fun readResolve(): Any = EbmScriptCompilation
}
