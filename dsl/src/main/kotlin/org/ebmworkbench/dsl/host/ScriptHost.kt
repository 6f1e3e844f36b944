package org.ebmworkbench.dsl.host

import org.ebmworkbench.dsl.script.EbmScript
import org.ebmworkbench.dsl.spec.SpecOrigins
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.SourceCode
import kotlin.script.experimental.host.FileScriptSource
import kotlin.script.experimental.host.ScriptingHostConfiguration
import kotlin.script.experimental.jvm.baseClassLoader
import kotlin.script.experimental.jvm.compilationCache
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvmhost.BasicJvmScriptingHost
import kotlin.script.experimental.jvmhost.createJvmCompilationConfigurationFromTemplate
import kotlin.script.experimental.jvmhost.createJvmEvaluationConfigurationFromTemplate

/**
 * Compiles and runs `*.ebm.kts` scripts and turns every problem into [Diagnostic]s instead of exceptions.
 *
 * Compiled scripts are cached in [cacheDir] by content hash (see [ScriptCache]), so loading an unchanged
 * script again costs milliseconds instead of a compilation. Errors thrown while the script runs (a
 * `SpecException` from a builder, say) are reported on the script line that made the failing call, found in
 * the stack trace. Not thread-safe: use one host per thread.
 */
class ScriptHost(cacheDir: Path) {
    private val cache = ScriptCache(cacheDir, DSL_VERSION)
    private val hostConfiguration = ScriptingHostConfiguration {
        jvm { compilationCache(cache.jars) }
    }
    private val compilation = createJvmCompilationConfigurationFromTemplate<EbmScript>(hostConfiguration)
    private val evaluation = createJvmEvaluationConfigurationFromTemplate<EbmScript>(hostConfiguration) {
        jvm { baseClassLoader(EbmScript::class.java.classLoader) }
    }
    private val host = BasicJvmScriptingHost(hostConfiguration)

    /** Compiles (or takes from the cache) and runs [script], returning its experiments or why it failed. */
    fun load(script: Path): ScriptLoad = load(script, retryStaleCache = true)

    /** Compiles [script] without running it: its errors and warnings, empty when it is clean. */
    fun check(script: Path): List<Diagnostic> {
        val source = read(script) ?: return listOf(unreadable(script))
        return when (val compiled = compile(script, source)) {
            is Compiled.Ok -> compiled.warnings
            is Compiled.Failed -> compiled.diagnostics
        }
    }

    private fun load(script: Path, retryStaleCache: Boolean): ScriptLoad {
        val source = read(script) ?: return ScriptLoad.Failed(listOf(unreadable(script)))
        val compiled = when (val c = compile(script, source)) {
            is Compiled.Ok -> c
            is Compiled.Failed -> return ScriptLoad.Failed(c.diagnostics)
        }
        val (evaluated, origins) = SpecOrigins.recording(script.fileName.toString()) {
            host.runInCoroutineContext { host.evaluator(compiled.script, evaluation) }
        }
        val returned = (evaluated as? ResultWithDiagnostics.Success)?.value?.returnValue
            ?: return ScriptLoad.Failed(errors(evaluated.reports, script))
        if (returned is ResultValue.Error) {
            if (compiled.fromCache && retryStaleCache && returned.error is LinkageError) {
                // Compiled against another version of the DSL classes: drop the entry and compile afresh.
                cache.evict(source)
                return load(script, retryStaleCache = false)
            }
            return ScriptLoad.Failed(listOf(RuntimeErrors.diagnostic(returned.error, script)))
        }
        val instance = returned.scriptInstance as? EbmScript
            ?: return ScriptLoad.Failed(listOf(Diagnostic(script.toString(), null, null, ERROR, "not an EBM script")))
        if (instance.experiments.isEmpty()) {
            return ScriptLoad.Failed(
                listOf(Diagnostic(script.toString(), null, null, ERROR, "declares no experiment(\"name\") { … }")),
            )
        }
        val experiments = instance.experiments.map { it.copy(scriptPath = script.toString()) }
        return ScriptLoad.Loaded(experiments, compiled.fromCache, compiled.warnings, origins)
    }

    private fun compile(script: Path, source: SourceCode): Compiled {
        val result = QuietStderr.run { host.runInCoroutineContext { host.compiler(source, compilation) } }
        val fromCache = cache.lastLookupHit
        return when (result) {
            is ResultWithDiagnostics.Success -> {
                val warnings = if (fromCache) {
                    cache.loadWarnings(source).map { it.copy(file = script.toString()) }
                } else {
                    diagnostics(result.reports, script, ScriptDiagnostic.Severity.WARNING)
                        .also { cache.storeWarnings(source, it) }
                }
                Compiled.Ok(result.value, fromCache, warnings)
            }
            is ResultWithDiagnostics.Failure -> Compiled.Failed(errors(result.reports, script))
        }
    }

    private fun read(script: Path): SourceCode? = try {
        FileScriptSource(script.toFile(), Files.readString(script))
    } catch (e: IOException) {
        null
    }

    private fun unreadable(script: Path) = Diagnostic(
        script.toString(), null, null, ERROR,
        if (Files.exists(script)) "cannot read the script" else "no such file",
    )

    private fun errors(reports: List<ScriptDiagnostic>, script: Path): List<Diagnostic> =
        diagnostics(reports, script, ScriptDiagnostic.Severity.ERROR).ifEmpty {
            listOf(Diagnostic(script.toString(), null, null, ERROR, "the script failed without a message"))
        }

    private fun diagnostics(reports: List<ScriptDiagnostic>, script: Path, severity: ScriptDiagnostic.Severity) =
        reports.filter { it.severity >= severity }.map { it.toDiagnostic(script) }

    private fun ScriptDiagnostic.toDiagnostic(script: Path): Diagnostic {
        val start = location?.start
        val text = exception?.let { e -> "$message: $e" } ?: message
        return Diagnostic(script.toString(), start?.line, start?.col, if (severity >= ScriptDiagnostic.Severity.ERROR) ERROR else WARNING, text)
    }

    private sealed interface Compiled {
        data class Ok(val script: CompiledScript, val fromCache: Boolean, val warnings: List<Diagnostic>) : Compiled
        data class Failed(val diagnostics: List<Diagnostic>) : Compiled
    }

    companion object {
        /**
         * Part of the cache key: bump it whenever the spec or builder API changes incompatibly, so scripts
         * compiled against the old classes are not reused (a stale entry that fails to link is also evicted
         * and recompiled automatically, but one that links and behaves differently would not be).
         */
        const val DSL_VERSION: String = "2"

        private const val ERROR = "error"
        private const val WARNING = "warning"
    }
}
