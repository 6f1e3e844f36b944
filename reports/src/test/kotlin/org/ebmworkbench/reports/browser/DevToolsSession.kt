package org.ebmworkbench.reports.browser

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import java.net.URI
import java.net.http.HttpClient
import java.net.http.WebSocket
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicLong

/** A CDP command that answered with an error, or that could not be sent or answered. */
class DevToolsException(message: String, cause: Throwable? = null) : RuntimeException(message, cause)

/**
 * A minimal Chrome DevTools Protocol client on one target's WebSocket, with nothing but the JDK's HttpClient:
 * [send] a command and get its `result`; every event the browser sends is kept, in order, in [events].
 */
class DevToolsSession private constructor(private val timeout: Duration) : AutoCloseable {
    /** One CDP event: its method (e.g. `Page.loadEventFired`) and params. */
    data class Event(val method: String, val params: JsonObject)

    private val nextId = AtomicLong()
    private val pending = ConcurrentHashMap<Long, CompletableFuture<JsonObject>>()
    private val received = mutableListOf<Event>()
    private val lock = Object()
    @Volatile private var closedBecause: String? = null
    private lateinit var socket: WebSocket

    /** Every event received so far, in order. */
    val events: List<Event> get() = synchronized(lock) { received.toList() }

    /** Sends [method] with [params] and waits (at most the session's timeout) for its `result`. */
    fun send(method: String, params: JsonObject = JsonObject(emptyMap())): JsonObject {
        closedBecause?.let { throw DevToolsException("$method: the DevTools connection is closed ($it)") }
        val id = nextId.incrementAndGet()
        val answer = CompletableFuture<JsonObject>()
        pending[id] = answer
        val message = buildJsonObject { put("id", JsonPrimitive(id)); put("method", JsonPrimitive(method)); put("params", params) }
        try {
            synchronized(this) { socket.sendText(message.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS) }
            val response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            response["error"]?.let { throw DevToolsException("$method failed: $it") }
            return response["result"]?.jsonObject ?: JsonObject(emptyMap())
        } catch (e: TimeoutException) {
            throw DevToolsException("$method: no answer from the browser within ${timeout.seconds} s", e)
        } catch (e: ExecutionException) {
            throw DevToolsException("$method: ${e.cause?.message ?: e.cause}", e.cause)
        } finally {
            pending.remove(id)
        }
    }

    /** Waits (at most the session's timeout) for the first [method] event at index [from] or later of [events]. */
    fun awaitEvent(method: String, from: Int = 0): Event {
        val deadline = System.nanoTime() + timeout.toNanos()
        synchronized(lock) {
            while (true) {
                received.drop(from).firstOrNull { it.method == method }?.let { return it }
                closedBecause?.let { throw DevToolsException("waiting for $method: the DevTools connection is closed ($it)") }
                val left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())
                if (left <= 0) throw DevToolsException("no $method event within ${timeout.seconds} s; events so far: ${received.map { it.method }}")
                lock.wait(left)
            }
        }
    }

    /**
     * Evaluates [expression] in the page (awaiting a promise) and returns its value by JSON; a thrown exception
     * becomes a [DevToolsException] with its description.
     */
    fun evaluate(expression: String): JsonElement? {
        val result = send("Runtime.evaluate", buildJsonObject {
            put("expression", JsonPrimitive(expression)); put("returnByValue", JsonPrimitive(true)); put("awaitPromise", JsonPrimitive(true))
        })
        result["exceptionDetails"]?.jsonObject?.let { d ->
            val what = d["exception"]?.jsonObject?.get("description")?.jsonPrimitive?.content ?: d["text"]?.jsonPrimitive?.content
            throw DevToolsException("Runtime.evaluate threw: $what")
        }
        return result["result"]?.jsonObject?.get("value")
    }

    override fun close() {
        if (closedBecause == null) closedBecause = "closed by the test"
        if (this::socket.isInitialized) socket.abort()
        failPending()
    }

    private fun onMessage(text: String) {
        val message = Json.parseToJsonElement(text).jsonObject
        val id = message["id"]?.jsonPrimitive?.long
        if (id != null) {
            pending[id]?.complete(message)
            return
        }
        val method = message["method"]?.jsonPrimitive?.content ?: return
        synchronized(lock) {
            received += Event(method, message["params"]?.jsonObject ?: JsonObject(emptyMap()))
            lock.notifyAll()
        }
    }

    private fun onClosed(reason: String) {
        if (closedBecause == null) closedBecause = reason
        failPending()
        synchronized(lock) { lock.notifyAll() }
    }

    private fun failPending() {
        val reason = closedBecause ?: "closed"
        pending.values.forEach { it.completeExceptionally(DevToolsException("the DevTools connection is closed ($reason)")) }
    }

    private inner class Listener : WebSocket.Listener {
        private val text = StringBuilder()

        override fun onOpen(webSocket: WebSocket) = webSocket.request(1)

        override fun onText(webSocket: WebSocket, data: CharSequence, last: Boolean): CompletionStage<*>? {
            text.append(data)
            if (last) {
                val message = text.toString()
                text.setLength(0)
                onMessage(message)
            }
            webSocket.request(1)
            return null
        }

        override fun onClose(webSocket: WebSocket, statusCode: Int, reason: String): CompletionStage<*>? {
            onClosed("closed by the browser: $statusCode $reason")
            return null
        }

        override fun onError(webSocket: WebSocket, error: Throwable) = onClosed("error: $error")
    }

    companion object {
        /** Connects to the target's webSocketDebuggerUrl [url]; [timeout] bounds the connection and every later wait. */
        fun connect(url: URI, timeout: Duration): DevToolsSession {
            val session = DevToolsSession(timeout)
            val http = HttpClient.newBuilder().connectTimeout(timeout).build()
            session.socket = try {
                http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, session.Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            } catch (e: TimeoutException) {
                throw DevToolsException("could not connect to $url within ${timeout.seconds} s", e)
            } catch (e: ExecutionException) {
                throw DevToolsException("could not connect to $url: ${e.cause}", e.cause)
            }
            return session
        }
    }
}
