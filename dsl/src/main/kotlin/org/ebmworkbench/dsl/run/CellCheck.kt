package org.ebmworkbench.dsl.run

import ai.djl.Device
import ai.djl.ndarray.NDManager
import org.ebmworkbench.dsl.host.Diagnostic
import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.DatasetSpec
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.SpecOrigins
import java.nio.file.Path

/**
 * What `ebm check` and `ebm run` do before anything trains: load each distinct dataset once and build every cell's
 * engine objects (proposal, energy, objective, metrics, trainer) without training, so every check of the engine
 * surfaces once, at the script line that set the value ([SpecOrigins]), instead of once per cell JVM. Cells that
 * differ only in their seed are built once; a cell's parts are checked independently where they can be, so one run
 * reports every problem.
 */
object CellCheck {
    /** Every problem of [experiments], as `file:line: component.parameter must …, was …` diagnostics. */
    fun problems(experiments: List<ExperimentSpec>, origins: SpecOrigins, script: Path?, scriptDir: Path?): List<Diagnostic> {
        val file = script?.toString() ?: "<code>"
        val found = LinkedHashSet<Diagnostic>()
        val data = HashMap<DatasetSpec, CellData?>()
        NDManager.newBaseManager(Device.cpu()).use { manager ->
            for (cell in experiments.flatMap { it.cells() }.distinctBy { it.copy(seed = 0) }) {
                val cellData = data.getOrPut(cell.dataset) {
                    try {
                        CellEngine.data(cell, scriptDir)
                    } catch (e: CellProblem) {
                        found += diagnostic(file, cell, e, origins)
                        null
                    }
                } ?: continue
                val cellProblems = mutableListOf<CellProblem>()
                try {
                    manager.newSubManager().use { m -> CellEngine.build(cell, cellData, m, cellProblems)?.finish() }
                } catch (e: CellProblem) {
                    cellProblems += e
                }
                cellProblems.forEach { found += diagnostic(file, cell, it, origins) }
            }
        }
        return found.toList()
    }

    private fun diagnostic(file: String, cell: CellSpec, problem: CellProblem, origins: SpecOrigins): Diagnostic {
        val line = when (problem.part) {
            CellPart.DATASET -> origins.line(cell.dataset)
            CellPart.ENERGY -> origins.line(cell.energy)
            CellPart.PROPOSAL -> origins.line(cell.proposal)
            CellPart.OBJECTIVE -> origins.line(cell.objective)
            CellPart.METRIC -> origins.line(cell.metrics[problem.index])
            CellPart.TRAIN -> problem.parameter?.let { origins.line(cell.training to it) } ?: origins.line(cell.training)
        }
        return Diagnostic(file, line, null, "error", problem.message ?: "invalid cell")
    }
}
