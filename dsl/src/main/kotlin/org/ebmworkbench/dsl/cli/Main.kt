package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.main
import com.github.ajalt.clikt.core.subcommands

/** `ebm`: the EBM Workbench command line. */
class Ebm : CliktCommand(name = "ebm") {
    override fun help(context: Context) =
        "EBM Workbench: train energy-based models from *.ebm.kts experiment scripts and compare them in HTML reports."

    override fun run() = Unit
}

fun main(args: Array<String>) {
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline") ?: "true")
    System.setProperty("java.awt.headless", "true")
    Ebm().subcommands(
        RunCommand(), CellCommand(), StatusCommand(), ReportCommand(), ExportCommand(), CheckCommand(), ListCommand(), BenchCommand(),
    ).main(args)
}
