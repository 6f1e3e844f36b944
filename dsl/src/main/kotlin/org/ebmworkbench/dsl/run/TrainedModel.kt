package org.ebmworkbench.dsl.run

import ai.djl.Device
import ai.djl.ndarray.NDManager
import org.ebmworkbench.dsl.spec.BuildContext
import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors
import org.ebmworkbench.engine.train.Checkpoints
import java.nio.file.Files
import java.nio.file.Path

/**
 * A trained cell reloaded from its run records: the energy rebuilt from `spec.json` and the parameters from the
 * checkpoints. Usable from Kotlin, Java and scripts (`TrainedModel.load(Path.of("runs/quickstart/<cell>"))`).
 *
 * The energy is rebuilt exactly as the runner built it, including SNL's base distribution, whose proposal is refitted
 * to the same seeded training data. Close it to free the tensors.
 */
class TrainedModel private constructor(
    val cell: CellSpec,
    val energy: EnergyModel,
    val parameters: Parameters,
    val emaParameters: Parameters?,
    private val manager: NDManager,
) : AutoCloseable {

    /** Energies of the given points (each of the data's dimension), from the EMA parameters when [ema] and present. */
    fun energies(points: List<DoubleArray>, ema: Boolean = true): DoubleArray {
        val d = energy.inputDim()
        require(points.all { it.size == d }) { "every point needs $d coordinates" }
        val flat = FloatArray(points.size * d) { points[it / d][it % d].toFloat() }
        manager.newSubManager().use { m ->
            val x = Tensors.fromRows(m, flat, points.size, d)
            val p = if (ema && emaParameters != null) emaParameters else parameters
            return energy.energy(p, x).toFloatArray().map { it.toDouble() }.toDoubleArray()
        }
    }

    override fun close() = manager.close()

    companion object {
        @JvmStatic
        @JvmOverloads
        fun load(cellDir: Path, device: Device = Device.cpu()): TrainedModel {
            val cell = CellRunner.readSpec(cellDir)
            val checkpoints = cellDir.resolve(CellRunner.CHECKPOINT_DIR)
            val manager = NDManager.newBaseManager(device)
            try {
                val data = CellEngine.data(cell, null)
                val context = BuildContext(data.train, manager, cell.seed, data.targetDim)
                val energy = CellEngine.modelEnergy(cell, context, cell.proposal.build(context))
                val final = Checkpoints.load(checkpoints.resolve(CellRunner.FINAL_CHECKPOINT), manager)
                val emaFile = checkpoints.resolve(CellRunner.EMA_CHECKPOINT)
                val ema = if (Files.isRegularFile(emaFile)) Checkpoints.load(emaFile, manager) else null
                return TrainedModel(cell, energy, final, ema, manager)
            } catch (e: Exception) {
                manager.close()
                throw e
            }
        }
    }
}
