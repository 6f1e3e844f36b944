package org.ebmworkbench.dsl.run

import ai.djl.Device
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.SpecJson
import org.ebmworkbench.engine.train.TrainingListener
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.ExperimentRecord
import org.ebmworkbench.reports.records.RecordJson
import org.ebmworkbench.reports.records.writeExperimentRecord
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant

/**
 * Runs every cell of an experiment in turn under `<runsDir>/<experiment>/<cell-id>/`. A cell whose status says
 * done is skipped: its id is a hash of its whole spec, so an unchanged cell is never recomputed and a changed one
 * gets a new directory.
 */
class ExperimentRunner(private val runsDir: Path, private val device: Device) {

    /** Outcome of one cell: its status, and whether it was reused from an earlier run. */
    data class CellOutcome(val cellId: String, val status: CellStatus, val reused: Boolean)

    fun experimentDir(spec: ExperimentSpec): Path = runsDir.resolve(spec.name)

    fun run(
        spec: ExperimentSpec,
        onCellStart: (index: Int, count: Int, cellId: String) -> TrainingListener? = { _, _, _ -> null },
    ): List<CellOutcome> {
        val dir = experimentDir(spec)
        val cells = spec.cells()
        writeExperimentRecord(dir, ExperimentRecord(
            name = spec.name, scriptPath = spec.scriptPath, cellIds = cells.map { it.id },
            createdAt = Instant.now().toString(),
            spec = SpecJson.json.encodeToJsonElement(ExperimentSpec.serializer(), spec),
        ))
        val scriptDir = spec.scriptPath?.let { Path.of(it).toAbsolutePath().parent }
        return cells.mapIndexed { i, cell ->
            val cellDir = dir.resolve(cell.id)
            val previous = finishedStatus(cellDir)
            if (previous != null) {
                CellOutcome(cell.id, previous, reused = true)
            } else {
                CellOutcome(cell.id, CellRunner(cell, cellDir, device, scriptDir, onCellStart(i, cells.size, cell.id)).run(), reused = false)
            }
        }
    }

    private fun finishedStatus(cellDir: Path): CellStatus? {
        val file = cellDir.resolve("status.json")
        if (!Files.isRegularFile(file)) return null
        val status = runCatching { RecordJson.json.decodeFromString(CellStatus.serializer(), Files.readString(file)) }.getOrNull()
        return status?.takeIf { it.state == CellState.DONE || it.state == CellState.DIVERGED }
    }
}
