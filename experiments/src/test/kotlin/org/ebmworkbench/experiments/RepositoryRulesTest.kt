package org.ebmworkbench.experiments

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveAtLeastSize
import io.kotest.matchers.shouldBe
import java.nio.charset.CodingErrorAction
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.io.path.createDirectories
import kotlin.io.path.isDirectory
import kotlin.io.path.isRegularFile
import kotlin.io.path.writeText

/** The name of the methods document (spelt in two pieces: this file must not match its own scan). */
private const val METHODS_FILE = "methods" + ".md"

/** One line of a file that breaks a repository rule. */
data class Finding(val file: String, val line: Int, val what: String) {
    override fun toString() = "$file:$line: $what"
}

/**
 * The repository's own rules, checked on its files: it stands alone (no file refers to a path outside it, such as a
 * sibling checkout, a machine's work folder or someone's home), and every Kotest class is named so that Surefire runs
 * it. The patterns are spelt in pieces so that this file does not match them itself.
 */
object RepositoryScan {
    private val outsidePaths = listOf(
        Regex(Regex.escape("../" + "shared")) to "a sibling folder outside the repository",
        Regex(Regex.escape("/" + "work/")) to "a machine's work folder",
        Regex(Regex.escape("reference/" + "methods" + ".md")) to "a reference file outside the repository",
        Regex(Regex.escape("DESIGN" + ".md")) to "a design file outside the repository",
        Regex("/(home|Users)/[A-Za-z0-9._-]+|/" + "root/") to "an absolute home path",
    )

    /** A methods file named by any path but docs/methods.md (a bare name outside docs/ means a file elsewhere). */
    private val methodsFile = Regex("""([A-Za-z0-9_./-]*)methods\.md""")

    private val kotestStyles = listOf(
        "FunSpec", "StringSpec", "BehaviorSpec", "DescribeSpec", "ShouldSpec", "WordSpec", "FreeSpec", "FeatureSpec",
        "ExpectSpec", "AnnotationSpec",
    )
    private val specClass = Regex(
        """^\s*((?:(?:public|internal|private|open|abstract)\s+)*)class\s+(\w+)\s*(?:\([^)]*\))?\s*:\s*(""" +
            kotestStyles.joinToString("|") + """)\s*\(""",
    )

    /** The folder holding the root pom and the modules, found upwards from [start] (a module's folder in Surefire). */
    fun root(start: Path = Path.of("").toAbsolutePath()): Path =
        generateSequence(start.toAbsolutePath().normalize()) { it.parent }.firstOrNull { dir ->
            dir.resolve("pom.xml").isRegularFile() &&
                listOf("engine", "dsl", "experiments").all { dir.resolve(it).isDirectory() }
        } ?: error("no project root (pom.xml beside engine/, dsl/ and experiments/) above $start")

    /**
     * The repository's files relative to [root]: those git tracks or would track (not ignored), or, without git, every
     * file outside `target/`, `.git/`, `.ebm/` and `runs/`.
     */
    fun files(root: Path): List<String> = gitFiles(root) ?: walk(root)

    private fun gitFiles(root: Path): List<String>? {
        if (!Files.exists(root.resolve(".git"))) return null
        return runCatching {
            val command = listOf("git", "-C", root.toString(), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard")
            val process = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start()
            val out = process.inputStream.readBytes().toString(Charsets.UTF_8)
            check(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
            out.split('\u0000').filter { it.isNotEmpty() && root.resolve(it).isRegularFile() }
        }.getOrNull()
    }

    private fun walk(root: Path): List<String> = Files.walk(root).use { paths ->
        paths.filter { it.isRegularFile() }.map { root.relativize(it).toString().replace('\\', '/') }
            .filter { p -> p.split('/').none { it in setOf("target", ".git", ".ebm", "runs") } }.toList()
    }

    /** Every line of the text files among [files] that refers to a path outside the repository. */
    fun outsideReferences(root: Path, files: List<String>): List<Finding> = files.sorted().flatMap { file ->
        val text = readText(root.resolve(file)) ?: return@flatMap emptyList()
        text.lineSequence().withIndex().flatMap { (i, line) ->
            val outside = outsidePaths.filter { (pattern, _) -> pattern.containsMatchIn(line) }
                .map { (pattern, what) -> Finding(file, i + 1, "${pattern.find(line)!!.value}: $what") }
            val methods = methodsFile.findAll(line).filterNot { allowedMethodsReference(file, it.value) }
                .map { Finding(file, i + 1, "${it.value}: cite docs/methods.md §N or the paper") }
            outside + methods
        }.toList()
    }

    private fun allowedMethodsReference(file: String, reference: String): Boolean =
        reference.endsWith("docs/$METHODS_FILE") || (file.startsWith("docs/") && reference == METHODS_FILE)

    /** Kotest classes under `<module>/src/test` whose names do not end in `Test` (Surefire would skip them). */
    fun misnamedTestClasses(root: Path, files: List<String>): List<Finding> =
        testSources(files).flatMap { file ->
            val text = readText(root.resolve(file)) ?: return@flatMap emptyList()
            text.lineSequence().withIndex().mapNotNull { (i, line) ->
                val m = specClass.find(line) ?: return@mapNotNull null
                val (modifiers, name, style) = m.destructured
                if ("abstract" in modifiers || name.endsWith("Test")) null
                else Finding(file, i + 1, "class $name : $style does not end in Test, so Surefire never runs it")
            }.toList()
        }

    /** The names of every Kotest class under `<module>/src/test`, for a check that the scan sees them. */
    fun testClasses(root: Path, files: List<String>): List<String> = testSources(files).flatMap { file ->
        readText(root.resolve(file))?.lineSequence()?.mapNotNull { specClass.find(it)?.groupValues?.get(2) }?.toList()
            .orEmpty()
    }

    private val testSource = Regex("""^[^/]+/src/test/.*\.kt$""")

    private fun testSources(files: List<String>) = files.filter { testSource.matches(it) }.sorted()

    /** The file as UTF-8 text, or null for a binary file (a NUL byte) or one that is not valid UTF-8. */
    private fun readText(path: Path): String? {
        val bytes = Files.readAllBytes(path)
        if (bytes.any { it == 0.toByte() }) return null
        return runCatching {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString()
        }.getOrNull()
    }
}

/** The repository stands on its own and its tests all run. */
class RepositoryRulesTest : FunSpec({
    val root = RepositoryScan.root()
    val files = RepositoryScan.files(root)

    test("the scan sees the repository: its sources, scripts, docs, build and CI files") {
        files shouldContain "README.md"
        files shouldContain "pom.xml"
        files shouldContain "ebm"
        files shouldContain ".ci/run"
        files shouldContain "docs/methods.md"
        files shouldContain "experiments/quickstart.ebm.kts"
        files shouldContain "engine/src/main/java/org/ebmworkbench/engine/objective/EnergyDiscrepancy.java"
        files.none { it.split('/').contains("target") } shouldBe true
    }

    test("no file refers to a path outside the repository") {
        val findings = RepositoryScan.outsideReferences(root, files)
        withClue(findings.joinToString("\n")) { findings.shouldBeEmpty() }
    }

    test("the scan finds every kind of outside reference, with its file and line, and accepts docs/methods.md") {
        val tree = Files.createTempDirectory("repo-scan")
        tree.resolve("src/Main.kt").also { it.parent.createDirectories() }.writeText(
            listOf(
                "// the formulas are in docs/methods.md §3.2",
                "// see ../" + "shared/notes.txt",
                "// from /" + "work/main/runs",
                "// reference/" + "methods" + ".md §2",
                "// as DESIGN" + ".md says",
                "// /ho" + "me/alice/ebm and /" + "root/.m2",
                "// methods" + ".md §1.3",
            ).joinToString("\n"),
        )
        tree.resolve("docs/architecture.md").also { it.parent.createDirectories() }
            .writeText("See [methods]($METHODS_FILE).\n")
        Files.write(tree.resolve("model.bin"), byteArrayOf(0, 1, 2) + ("../" + "shared").toByteArray())
        val found = RepositoryScan.outsideReferences(tree, RepositoryScan.files(tree)).map { "${it.file}:${it.line}" }
        found.distinct() shouldContainExactly (2..7).map { "src/Main.kt:$it" }
    }

    test("every Kotest class under */src/test ends in Test") {
        withClue(RepositoryScan.misnamedTestClasses(root, files).joinToString("\n")) {
            RepositoryScan.misnamedTestClasses(root, files).shouldBeEmpty()
        }
        RepositoryScan.testClasses(root, files) shouldContain "RepositoryRulesTest"
        RepositoryScan.testClasses(root, files) shouldHaveAtLeastSize 60
    }

    test("the naming check finds a misnamed spec of any style, and leaves abstract bases and main code alone") {
        val tree = Files.createTempDirectory("repo-names")
        fun put(path: String, text: String) = tree.resolve(path).also { it.parent.createDirectories() }.writeText(text)
        put("engine/src/test/kotlin/a/GoodTest.kt", "class GoodTest : FunSpec({\n})\n")
        put("engine/src/test/kotlin/a/Specs.kt",
            "\nclass LawSpec : FunSpec({\n})\ninternal class Checks(val n: Int) : StringSpec({})\n")
        put("dsl/src/test/kotlin/b/Base.kt", "abstract class SharedCases : BehaviorSpec({})\n")
        put("dsl/src/main/kotlin/b/Helper.kt", "class Helper : FunSpec({})\n")
        val files = RepositoryScan.files(tree)
        RepositoryScan.misnamedTestClasses(tree, files).map { "${it.file}:${it.line}" } shouldContainExactly
            listOf("engine/src/test/kotlin/a/Specs.kt:2", "engine/src/test/kotlin/a/Specs.kt:4")
    }
})
