package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import org.ebmworkbench.dsl.spec.Catalogue

class ListCommand : CliktCommand(name = "list") {
    override fun help(context: Context) =
        "List the objectives, samplers, proposals, datasets, energies and metrics a script can use, one line each."

    override fun run() {
        for ((category, entries) in Catalogue.entries.groupBy { it.category }) {
            echo("$category:")
            val width = entries.maxOf { it.name.length }
            entries.forEach { echo("  ${it.name.padEnd(width)}  ${it.doc}") }
        }
    }
}
