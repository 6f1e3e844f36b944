package org.ebmworkbench.reports.browser

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.time.Duration
import java.util.ArrayDeque
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * A headless Chromium started for one test, driven over the Chrome DevTools Protocol. [open] starts it on an empty
 * profile with `--remote-debugging-port=0`, reads the `DevTools listening on ws://…` line from its stderr and
 * connects to its page target; [close] kills the whole process tree and deletes the profile.
 */
class HeadlessChromium private constructor(
    private val process: Process,
    private val profile: Path,
    private val stderr: StderrTail,
) : AutoCloseable {
    /** The session on the page target; valid until [close]. */
    lateinit var page: DevToolsSession
        private set

    override fun close() {
        try {
            if (this::page.isInitialized) page.close()
        } finally {
            val tree = process.toHandle().descendants().toList()
            tree.forEach { it.destroyForcibly() }
            process.destroyForcibly()
            process.waitFor(10, TimeUnit.SECONDS)
            tree.forEach { it.onExit().completeOnTimeout(it, 10, TimeUnit.SECONDS).join() }
            profile.toFile().deleteRecursively()
        }
    }

    /** Where a browser was found, or why none was. */
    sealed interface Located {
        data class Found(val executable: Path) : Located
        data class Missing(val reason: String) : Located
    }

    companion object {
        const val REQUIRE_ENV = "EBM_REQUIRE_BROWSER"
        const val EXECUTABLE_ENV = "EBM_CHROMIUM"
        private val CANDIDATES = listOf("chromium", "chromium-browser", "google-chrome")
        private val LISTENING = Regex("""DevTools listening on (ws://\S+)""")

        /** Whether `EBM_REQUIRE_BROWSER=1`: CI sets it so that a missing browser fails instead of skipping. */
        val required: Boolean get() = System.getenv(REQUIRE_ENV)?.trim() == "1"

        /** `$EBM_CHROMIUM` if set (a path or a name on PATH), else the first of chromium, chromium-browser, google-chrome on PATH. */
        fun locate(): Located {
            System.getenv(EXECUTABLE_ENV)?.takeIf { it.isNotBlank() }?.let { given ->
                return resolve(given)?.let { Located.Found(it) }
                    ?: Located.Missing("$EXECUTABLE_ENV=$given is not an executable file (nor a program on PATH)")
            }
            CANDIDATES.forEach { name -> resolve(name)?.let { return Located.Found(it) } }
            return Located.Missing("no Chromium: none of ${CANDIDATES.joinToString(", ")} is on PATH and $EXECUTABLE_ENV is not set")
        }

        private fun resolve(name: String): Path? {
            if (name.contains(File.separatorChar)) return Paths.get(name).takeIf { Files.isRegularFile(it) && Files.isExecutable(it) }
            return (System.getenv("PATH") ?: "").split(File.pathSeparator).filter { it.isNotEmpty() }
                .map { Paths.get(it, name) }.firstOrNull { Files.isRegularFile(it) && Files.isExecutable(it) }
        }

        /** Starts [executable] headless on about:blank and connects to its page; every wait is bounded by [timeout]. */
        fun open(executable: Path, timeout: Duration = Duration.ofSeconds(60)): HeadlessChromium {
            val profile = Files.createTempDirectory("ebm-chromium-profile")
            val command = listOf(
                executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--remote-debugging-port=0", "--user-data-dir=$profile", "about:blank",
            )
            val process = try {
                ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
            } catch (e: Exception) {
                profile.toFile().deleteRecursively()
                throw IllegalStateException("could not start ${command.joinToString(" ")}: $e", e)
            }
            val stderr = StderrTail(process)
            val browser = HeadlessChromium(process, profile, stderr)
            try {
                val wsUrl = try {
                    stderr.listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                } catch (e: TimeoutException) {
                    throw IllegalStateException("Chromium did not print 'DevTools listening on ws://…' within ${timeout.seconds} s; its stderr:\n${stderr.tail()}")
                } catch (e: java.util.concurrent.ExecutionException) {
                    throw IllegalStateException("${e.cause?.message}; its stderr:\n${stderr.tail()}")
                }
                val port = URI(wsUrl).port
                browser.page = DevToolsSession.connect(URI(pageTarget(port, timeout)), timeout)
                return browser
            } catch (e: Throwable) {
                browser.close()
                throw e
            }
        }

        /** The webSocketDebuggerUrl of a page target: from /json/list (retried briefly), else a new one from /json/new. */
        private fun pageTarget(port: Int, timeout: Duration): String {
            val http = HttpClient.newBuilder().connectTimeout(timeout).build()
            fun call(method: String, path: String): String {
                val request = HttpRequest.newBuilder(URI("http://127.0.0.1:$port$path")).timeout(timeout)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build()
                val response = http.send(request, HttpResponse.BodyHandlers.ofString())
                check(response.statusCode() == 200) { "$method $path answered ${response.statusCode()}: ${response.body()}" }
                return response.body()
            }
            val deadline = System.nanoTime() + minOf(timeout, Duration.ofSeconds(5)).toNanos()
            while (true) {
                val page = Json.parseToJsonElement(call("GET", "/json/list")).jsonArray.map { it.jsonObject }
                    .firstOrNull { it["type"]?.jsonPrimitive?.content == "page" && it.containsKey("webSocketDebuggerUrl") }
                if (page != null) return page.debuggerUrl()
                if (System.nanoTime() > deadline) break
                Thread.sleep(100)
            }
            return Json.parseToJsonElement(call("PUT", "/json/new?about:blank")).jsonObject.debuggerUrl()
        }

        private fun JsonObject.debuggerUrl() = getValue("webSocketDebuggerUrl").jsonPrimitive.content
    }

    /** Drains the browser's stderr (so it never blocks), keeps its last lines for messages and finds the DevTools URL. */
    private class StderrTail(process: Process) {
        val listening = CompletableFuture<String>()
        private val lines = ArrayDeque<String>()

        init {
            Thread({
                try {
                    process.errorStream.bufferedReader().forEachLine { line ->
                        synchronized(lines) { lines.addLast(line); while (lines.size > 40) lines.removeFirst() }
                        LISTENING.find(line)?.let { listening.complete(it.groupValues[1]) }
                    }
                } catch (_: java.io.IOException) {
                }
                listening.completeExceptionally(IllegalStateException(
                    "Chromium closed its stderr (${if (process.isAlive) "still running" else "exit ${process.exitValue()}"}) before printing its DevTools URL",
                ))
            }, "chromium-stderr").apply { isDaemon = true }.start()
        }

        fun tail(): String = synchronized(lines) { lines.joinToString("\n") }
    }
}
