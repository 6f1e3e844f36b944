package org.ebmworkbench.dsl.host

import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.SourceCode
import kotlin.script.experimental.jvmhost.CompiledScriptJarsCache

/**
 * Compiled scripts on disk, so that running an unchanged script again skips the compiler (seconds).
 *
 * Entry `<dir>/<key>.jar` holds the compiled classes, `<dir>/<key>.warnings.json` the compiler warnings of
 * that compilation (so a cached load reports the same warnings). The key is the SHA-256 of the script text,
 * the script's file name (it names the compiled class and appears in stack traces), the Kotlin version and
 * [dslVersion]; any change to one of them is a different entry, so no entry is ever invalidated in place.
 */
internal class ScriptCache(private val dir: Path, private val dslVersion: String) {
    /** Whether the last [jars] lookup found a loadable compiled script. */
    @Volatile
    var lastLookupHit: Boolean = false
        private set

    /** The cache the scripting host's compiler consults before compiling and fills after. */
    val jars: CompiledScriptJarsCache = object : CompiledScriptJarsCache({ source, _ -> jarFile(source) }) {
        override fun get(script: SourceCode, scriptCompilationConfiguration: ScriptCompilationConfiguration): CompiledScript? =
            super.get(script, scriptCompilationConfiguration).also { lastLookupHit = it != null }

        override fun store(
            compiledScript: CompiledScript,
            script: SourceCode,
            scriptCompilationConfiguration: ScriptCompilationConfiguration,
        ) {
            Files.createDirectories(dir)
            super.store(compiledScript, script, scriptCompilationConfiguration)
        }
    }

    fun key(source: SourceCode): String {
        val digest = MessageDigest.getInstance("SHA-256")
        for (part in listOf(source.text, source.name.orEmpty(), KotlinVersion.CURRENT.toString(), dslVersion)) {
            digest.update(part.toByteArray(Charsets.UTF_8))
            digest.update(0)
        }
        return digest.digest().joinToString("") { "%02x".format(it) }
    }

    private fun jarFile(source: SourceCode): File = dir.resolve("${key(source)}.jar").toFile()

    /** Removes the entry of [source], e.g. when its classes no longer link against the current DSL. */
    fun evict(source: SourceCode) {
        Files.deleteIfExists(dir.resolve("${key(source)}.jar"))
        Files.deleteIfExists(warningsFile(source))
    }

    fun storeWarnings(source: SourceCode, warnings: List<Diagnostic>) {
        Files.createDirectories(dir)
        val target = warningsFile(source)
        val tmp = Files.createTempFile(dir, target.fileName.toString(), ".tmp")
        Files.writeString(tmp, Json.encodeToString(WARNINGS, warnings))
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
    }

    fun loadWarnings(source: SourceCode): List<Diagnostic> {
        val file = warningsFile(source)
        if (!Files.exists(file)) return emptyList()
        return runCatching { Json.decodeFromString(WARNINGS, Files.readString(file)) }.getOrDefault(emptyList())
    }

    private fun warningsFile(source: SourceCode): Path = dir.resolve("${key(source)}.warnings.json")

    private companion object {
        val WARNINGS = ListSerializer(Diagnostic.serializer())
    }
}
