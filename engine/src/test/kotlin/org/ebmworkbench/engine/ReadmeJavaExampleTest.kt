package org.ebmworkbench.engine

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.net.URLClassLoader
import java.nio.file.Files
import java.nio.file.Path
import javax.tools.ToolProvider

/** The Java example in README.md compiles against the engine and runs (with few steps, to stay fast). */
class ReadmeJavaExampleTest : FunSpec({
    test("README's Java example compiles and trains SNL") {
        val readme = Files.readString(Path.of("..", "README.md"))
        val source = Regex("```java\\n(.*?)```", RegexOption.DOT_MATCHES_ALL).find(readme)?.groupValues?.get(1)
            ?: error("README.md has no ```java block")
        val dir = Files.createTempDirectory("readme-example")
        Files.writeString(dir.resolve("TrainSnl.java"), source)
        val compiler = ToolProvider.getSystemJavaCompiler()
        val errors = ByteArrayOutputStream()
        val rc = compiler.run(null, null, errors, "-d", dir.toString(),
            "-classpath", System.getProperty("java.class.path"), dir.resolve("TrainSnl.java").toString())
        withClue(errors.toString()) { rc shouldBe 0 }

        val out = ByteArrayOutputStream()
        val previous = System.out
        System.setOut(PrintStream(out, true))
        try {
            URLClassLoader(arrayOf(dir.toUri().toURL()), javaClass.classLoader).use { loader ->
                loader.loadClass("TrainSnl").getMethod("main", Array<String>::class.java).invoke(null, arrayOf("30"))
            }
        } finally {
            System.setOut(previous)
        }
        out.toString() shouldContain Regex("COMPLETED after 30 steps: test log-likelihood -\\d+\\.\\d{3} \\(optimum -3\\.466\\)")
    }
})

private inline fun <T> withClue(clue: String, block: () -> T): T = io.kotest.assertions.withClue(clue, block)
