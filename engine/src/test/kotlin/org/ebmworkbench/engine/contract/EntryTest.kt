package org.ebmworkbench.engine.contract

import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.TestScope

/**
 * Registers the test "[entry] property", whose failure message also starts with "[entry] property": surefire's
 * reports keep only the spec class of a Kotest test, not its name, so the message is what says which entry failed.
 */
fun FunSpec.entryTest(entry: Any, property: String, body: suspend TestScope.() -> Unit) {
    val name = "[$entry] $property"
    test(name) {
        try {
            body()
        } catch (e: AssertionError) {
            throw AssertionError("$name: ${e.message}", e)
        } catch (e: Exception) {
            throw AssertionError("$name: ${e.javaClass.simpleName}: ${e.message}", e)
        }
    }
}
