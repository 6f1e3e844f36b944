package org.ebmworkbench.dsl.spec

import org.ebmworkbench.engine.check.InvalidParameterException

/**
 * Thrown when an experiment spec is invalid: a value out of range, a required part missing, a duplicate.
 *
 * It is an [IllegalArgumentException] so that plain Kotlin/Java callers can treat it as bad input, while the
 * script host recognises it and reports its message (which always names the offending parameter) as a
 * diagnostic on the script line that made the bad value.
 */
class SpecException(message: String, val parameter: String? = null) : IllegalArgumentException(message) {
    companion object {
        /**
         * An engine range error in the DSL's words: [component] replaces the engine's component name and
         * [parameterNames] renames the parameter where the DSL calls it otherwise. [parameter] is the DSL name.
         */
        fun of(e: InvalidParameterException, component: String, parameterNames: Map<String, String>): SpecException {
            val name = parameterNames[e.parameter()] ?: e.parameter()
            return SpecException("$component.$name must ${e.requirement()}, was ${e.value()}", name)
        }
    }
}

/**
 * Range checks shared by the spec classes' `init` blocks. Validation lives only in those `init` blocks (never
 * in the builders), so a spec is valid however it was made: by the DSL, by a Java program, or decoded from a
 * `spec.json` run record (kotlinx.serialization runs `init` blocks on decoding).
 *
 * Every message has the form "`<param>` must be <range>, was <value>", where `<param>` is the DSL spelling
 * (e.g. `train.batch`, `snl.proposalSamples`).
 */
internal object Check {
    fun atLeast(param: String, value: Int, min: Int) {
        if (value < min) fail("$param must be ≥ $min, was $value")
    }

    fun atLeast(param: String, value: Double, min: Double) {
        if (!(value >= min)) fail("$param must be ≥ $min, was $value")
    }

    fun positive(param: String, value: Double) {
        if (!(value > 0.0) || value.isInfinite()) fail("$param must be > 0 and finite, was $value")
    }

    /** Half-open unit interval [0, 1): EMA decays and Adam betas. */
    fun unitInterval(param: String, value: Double) {
        if (!(value >= 0.0 && value < 1.0)) fail("$param must be in [0, 1), was $value")
    }

    /** Open unit interval (0, 1): fractions that must leave something on both sides. */
    fun openUnitInterval(param: String, value: Double) {
        if (!(value > 0.0 && value < 1.0)) fail("$param must be in (0, 1), was $value")
    }

    fun finite(param: String, values: List<Double>) {
        values.forEachIndexed { i, v -> if (!v.isFinite()) fail("$param[$i] must be finite, was $v") }
    }

    fun that(condition: Boolean, message: () -> String) {
        if (!condition) fail(message())
    }

    fun fail(message: String): Nothing = throw SpecException(message)
}
