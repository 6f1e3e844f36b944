package org.ebmworkbench.reports.browser

import io.kotest.assertions.fail
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.Enabled
import io.kotest.core.test.TestCase
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.double
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.ebmworkbench.reports.html.GridFixtures
import org.ebmworkbench.reports.html.HtmlReport
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.Base64
import javax.imageio.ImageIO
import kotlin.math.ceil
import kotlin.time.Duration.Companion.minutes

/**
 * Opens the comparison report of a partial grid in a real headless Chromium: it must load with no console error,
 * uncaught exception or failed load (it loads nothing external), every SVG must have a non-empty size, every
 * heatmap image must decode, and the comparison table must carry the expected cells. The full-page screenshot and
 * the report are kept under `reports/target/browser/` as the CI artefact.
 *
 * Without a browser (`$EBM_CHROMIUM`, else chromium, chromium-browser or google-chrome on PATH) the tests are
 * skipped with the reason printed, unless `EBM_REQUIRE_BROWSER=1` (as in CI), where that is a failure.
 */
class ReportInBrowserTest : FunSpec({
    val located = HeadlessChromium.locate()
    val availability: (TestCase) -> Enabled = { test ->
        when {
            located is HeadlessChromium.Located.Found -> Enabled.enabled
            HeadlessChromium.required -> Enabled.enabled // runs, and fails in [browser] with the reason
            else -> {
                val reason = (located as HeadlessChromium.Located.Missing).reason
                println("SKIPPED browser test '${test.name.testName}': $reason (set ${HeadlessChromium.REQUIRE_ENV}=1 to make this a failure)")
                Enabled.disabled(reason)
            }
        }
    }

    fun <T> withBrowser(block: (DevToolsSession) -> T): T {
        val executable = when (located) {
            is HeadlessChromium.Located.Found -> located.executable
            is HeadlessChromium.Located.Missing -> fail("${HeadlessChromium.REQUIRE_ENV}=1 but ${located.reason}")
        }
        return HeadlessChromium.open(executable).use { block(it.page) }
    }

    test("the report opens in headless Chromium: no errors, sized SVGs, decoded heatmaps, the table's cells; screenshot kept")
        .config(enabledOrReasonIf = availability, timeout = 5.minutes) {
            val report = HtmlReport.write(GridFixtures.partialGrid(tempdir().toPath()))
            val artefacts = Files.createDirectories(moduleDir().resolve("target/browser"))
            Files.write(artefacts.resolve("report.html"), Files.readAllBytes(report))

            withBrowser { page ->
                val errors = page.load(report.toUri().toString())
                withClue("console errors, uncaught exceptions or failed loads while opening the report") { errors.shouldBeEmpty() }

                val png = artefacts.resolve("report.png")
                val (width, height) = page.screenshot(png)
                val image = ImageIO.read(png.toFile()) ?: fail("$png is not a readable PNG")
                image.width shouldBe width
                image.height shouldBe height
                println("browser test: screenshot ${width}×$height px at ${png.toAbsolutePath()}")

                val seen = JSON.decodeFromJsonElement(Inspection.serializer(), page.evaluate(INSPECT) ?: fail("the inspection returned nothing"))
                println("browser test: ${seen.svgs.size} SVG(s), ${seen.images.size} image(s), ${seen.table?.rows?.size} table row(s)")
                withClue("resources the report loaded (it must load nothing)") { seen.resources.shouldBeEmpty() }

                withClue("SVGs in the report") { seen.svgs.shouldNotBeEmpty() }
                seen.svgs.forEach { s -> withClue("SVG ${s.where} is ${s.width}×${s.height}") { (s.width > 0 && s.height > 0) shouldBe true } }
                withClue("heatmap images in the report") { seen.images.shouldNotBeEmpty() }
                seen.images.forEach { i ->
                    withClue("image '${i.alt}' in ${i.where} (${i.src}…): decode error ${i.error}, natural size ${i.naturalWidth}×${i.naturalHeight}") {
                        i.error shouldBe null
                        i.naturalWidth shouldBeGreaterThan 0
                        i.naturalHeight shouldBeGreaterThan 0
                    }
                }

                val t = seen.table ?: fail("no table.comparison in the page")
                t.head[0] shouldContainExactly listOf("setting", "checkerboard", "gaussians8")
                t.head[1] shouldContainExactly listOf("test_ll_grid ↑", "test_ll_grid ↑")
                t.head[2][0] shouldBe "optimum -3.4657"
                t.rows.map { it.label } shouldContainExactly listOf("ed t=1", "ed t=10", "snl")
                t.rows.forEach { r -> r.cells.size shouldBe 2 }
                fun cell(row: String, dataset: Int) = t.rows.single { it.label == row }.cells[dataset]

                val snl = cell("snl", 0)
                snl.text shouldBe "-3.5000 ± 0.0200 (n=3) ★"
                snl.classes.split(" ") shouldContainExactly listOf("num", "best")
                val t1 = cell("ed t=1", 0)
                t1.text shouldStartWith "-3.6500 ± 0.0707 (n=2 of 3) ≈"
                t1.text shouldContain "1 diverged"
                val t10 = cell("ed t=10", 0)
                t10.text shouldStartWith "-3.5500 (n=1 of 3)"
                t10.text shouldContain "1 failed"
                t10.text shouldContain "1 unfinished"
                t.rows.forEach { r -> cell(r.label, 1).text shouldBe "— (n=0 of 3) 3 not started" }
                withClue("cells reading 'mean ± std (n=…)'") {
                    t.rows.flatMap { it.cells }.count { MEAN_STD.containsMatchIn(it.text) } shouldBe 2
                }

                t.links.map { it.text } shouldContainExactly listOf("1 diverged", "1 failed")
                t.links.forEach { l -> withClue("link '${l.text}' to ${l.target} has a target in the page") { l.resolves shouldBe true } }
            }
        }

    test("the harness sees console errors, uncaught exceptions and failed loads").config(enabledOrReasonIf = availability, timeout = 3.minutes) {
        val dir = tempdir().toPath()
        val bad = dir.resolve("bad.html")
        Files.writeString(
            bad,
            "<!DOCTYPE html><html><head><title>bad</title></head><body><p>bad page</p>" +
                "<img src=\"missing.png\" alt=\"missing\"><script>console.error('x marks the spot')</script>" +
                "<script>throw new Error('boom from the page')</script></body></html>",
        )
        val good = dir.resolve("good.html")
        Files.writeString(good, "<!DOCTYPE html><html><head><title>good</title></head><body><p>fine</p><script>console.log('hello')</script></body></html>")
        withBrowser { page ->
            val errors = page.load(bad.toUri().toString())
            withClue("errors seen on the bad page: $errors") {
                errors.count { it.startsWith("console.error: x marks the spot") } shouldBe 1
                errors.count { it.startsWith("uncaught exception:") && it.contains("boom from the page") } shouldBe 1
                errors.count { it.startsWith("log (network)") && it.contains("missing.png") } shouldBe 1
            }
            withClue("a clean page after it") { page.load(good.toUri().toString()).shouldBeEmpty() }
        }
    }
})

private val JSON = Json { ignoreUnknownKeys = true }
private val MEAN_STD = Regex("""^-?\d+\.\d+ ± \d+\.\d+ \(n=\d+( of \d+)?\)""")
private const val VIEWPORT_WIDTH = 1280
private const val MAX_SCREENSHOT_HEIGHT = 16_000

/** The reports module's directory: Surefire's `basedir`, else the working directory. */
private fun moduleDir(): Path = Paths.get(System.getProperty("basedir") ?: "").toAbsolutePath()

/**
 * Enables the Runtime, Log and Page domains, navigates to [url], waits for its load event and returns the errors
 * the page raised since the navigation began (see [pageErrors]).
 */
internal fun DevToolsSession.load(url: String): List<String> {
    listOf("Runtime.enable", "Log.enable", "Page.enable").forEach { send(it) }
    viewport(VIEWPORT_WIDTH, 900)
    val from = events.size
    val navigation = send("Page.navigate", buildJsonObject { put("url", JsonPrimitive(url)) })
    navigation["errorText"]?.jsonPrimitive?.content?.let { fail("navigating to $url failed: $it") }
    awaitEvent("Page.loadEventFired", from)
    evaluate("new Promise(resolve => setTimeout(resolve, 300))") // late log entries, then a round trip
    return pageErrors(events.drop(from))
}

/** Uncaught exceptions, console.error/assert calls and error log entries (failed loads among them) in [events]. */
internal fun pageErrors(events: List<DevToolsSession.Event>): List<String> = events.mapNotNull { e ->
    fun JsonObject.str(key: String) = (get(key) as? JsonPrimitive)?.content
    when (e.method) {
        "Runtime.exceptionThrown" -> e.params["exceptionDetails"]?.jsonObject?.let { d ->
            "uncaught exception: " + ((d["exception"] as? JsonObject)?.str("description") ?: d.str("text"))
        }
        "Runtime.consoleAPICalled" -> e.params.str("type")?.takeIf { it == "error" || it == "assert" }?.let { type ->
            val args = (e.params["args"] as? JsonArray).orEmpty().map { it.jsonObject }
            "console.$type: " + args.joinToString(" ") { a -> a.str("value") ?: a.str("description") ?: a.str("type").orEmpty() }
        }
        "Log.entryAdded" -> e.params["entry"]?.jsonObject?.takeIf { it.str("level") == "error" }?.let { entry ->
            "log (${entry.str("source")}): ${entry.str("text")}" + (entry.str("url")?.let { " [$it]" } ?: "")
        }
        else -> null
    }
}

private fun DevToolsSession.viewport(width: Int, height: Int) {
    send("Emulation.setDeviceMetricsOverride", buildJsonObject {
        put("width", JsonPrimitive(width)); put("height", JsonPrimitive(height))
        put("deviceScaleFactor", JsonPrimitive(1)); put("mobile", JsonPrimitive(false))
    })
}

/** A full-page PNG of the page as loaded (the viewport grown to the content's size) written to [target]; its size. */
private fun DevToolsSession.screenshot(target: Path): Pair<Int, Int> {
    val metrics = send("Page.getLayoutMetrics")
    val content = (metrics["cssContentSize"] ?: metrics.getValue("contentSize")).jsonObject
    val width = maxOf(VIEWPORT_WIDTH, ceil(content.getValue("width").jsonPrimitive.double).toInt())
    val height = minOf(MAX_SCREENSHOT_HEIGHT, ceil(content.getValue("height").jsonPrimitive.double).toInt())
    viewport(width, height)
    val shot = send("Page.captureScreenshot", buildJsonObject {
        put("format", JsonPrimitive("png")); put("captureBeyondViewport", JsonPrimitive(true)); put("fromSurface", JsonPrimitive(true))
    })
    Files.write(target, Base64.getDecoder().decode(shot.getValue("data").jsonPrimitive.content))
    return width to height
}

@Serializable private data class Box(val where: String, val width: Double, val height: Double)
@Serializable private data class Image(val where: String, val alt: String, val src: String, val naturalWidth: Int, val naturalHeight: Int, val error: String? = null)
@Serializable private data class Cell(val text: String, val classes: String)
@Serializable private data class Row(val label: String, val cells: List<Cell>)
@Serializable private data class Link(val text: String, val target: String, val resolves: Boolean)
@Serializable private data class Table(val head: List<List<String>>, val rows: List<Row>, val links: List<Link>)
@Serializable private data class Inspection(val svgs: List<Box>, val images: List<Image>, val table: Table? = null, val resources: List<String>)

/**
 * Opens every <details> (so that what is folded is laid out too), then reads: the size of every outermost <svg>,
 * every <img>'s decode result and natural size, the comparison table's text by cell and its failure links, and the
 * resources the page fetched.
 */
private val INSPECT = """
(async () => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const where = e => { const s = e.closest('section'); return s && s.id ? '#' + s.id : '(outside any section)'; };
  const text = e => e.innerText.replace(/\s+/g, ' ').trim();
  const svgs = [...document.querySelectorAll('svg')].filter(s => !s.parentElement.closest('svg')).map(s => {
    const r = s.getBoundingClientRect();
    return { where: where(s), width: r.width, height: r.height };
  });
  const images = await Promise.all([...document.images].map(async i => {
    let error = null;
    try { await i.decode(); } catch (e) { error = String(e); }
    return { where: where(i), alt: i.alt, src: i.getAttribute('src').slice(0, 40), naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight, error };
  }));
  const t = document.querySelector('table.comparison');
  const table = t && {
    head: [...t.tHead.rows].map(r => [...r.cells].map(text)),
    rows: [...t.tBodies[0].rows].map(r => ({ label: text(r.cells[0]), cells: [...r.cells].slice(1).map(c => ({ text: text(c), classes: c.className })) })),
    links: [...t.querySelectorAll('a.bad')].map(a => ({ text: text(a), target: a.getAttribute('href'), resolves: !!document.getElementById(a.getAttribute('href').slice(1)) })),
  };
  const resources = performance.getEntriesByType('resource').map(r => r.name);
  return { svgs, images, table, resources };
})()
""".trimIndent()
