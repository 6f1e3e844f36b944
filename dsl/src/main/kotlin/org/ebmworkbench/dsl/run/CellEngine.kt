package org.ebmworkbench.dsl.run

import ai.djl.ndarray.NDManager
import org.ebmworkbench.dsl.spec.BuildContext
import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.MetricContext
import org.ebmworkbench.dsl.spec.SpecException
import org.ebmworkbench.dsl.spec.TrainingSpec
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.tensor.Tensors
import org.ebmworkbench.engine.train.Trainer

/** The parts of a cell a problem can be in; [CellProblem] names one so `ebm check` can find its script line. */
enum class CellPart { DATASET, ENERGY, PROPOSAL, OBJECTIVE, METRIC, TRAIN }

/**
 * A cell's spec cannot be built: [part] (and for a metric its [index]) says which spec, [parameter] which of its
 * values when known, [cause] what is wrong. Its message is the cause's.
 */
class CellProblem(val part: CellPart, val index: Int, val parameter: String?, cause: Exception) :
    IllegalArgumentException(cause.message ?: cause.javaClass.simpleName, cause)

/**
 * Every engine object of one cell, built from its spec without training: the one place where a cell's spec meets
 * the engine, used by the runner, by `ebm check` and `ebm run` before anything trains, and by [TrainedModel]. Each
 * value is checked by the engine object that uses it; a failure is a [CellProblem] naming the part.
 */
class CellEngine private constructor(
    val proposal: Proposal,
    val energy: EnergyModel,
    val evaluator: CellEvaluator,
    /** The configured trainer, waiting for listeners; [finish] builds it. */
    val trainer: Trainer.Builder,
) {
    /** The trainer, its own checks (steps, batch against the data, EMA, …) in the names of `train { }`. */
    fun finish(): Trainer = part(CellPart.TRAIN) { TrainingSpec.inTrainNames { trainer.build() } }

    companion object {
        /**
         * Builds the cell's engine objects on [data] (its [CellSpec.dataset], loaded) in [manager]. With [problems]
         * it goes on after a failing part, adding each problem there, and builds what does not depend on that part
         * (null when some part failed); without, the first problem is thrown.
         */
        fun build(cell: CellSpec, data: CellData, manager: NDManager, problems: MutableList<CellProblem>? = null): CellEngine? {
            fun <T> attempt(part: CellPart, index: Int = 0, block: () -> T): T? = try {
                part(part, index, block)
            } catch (e: CellProblem) {
                if (problems == null) throw e
                problems += e
                null
            }
            val context = BuildContext(data.train, manager, cell.seed, data.targetDim)
            val proposal = attempt(CellPart.PROPOSAL) { cell.proposal.build(context) }
            val energy = attempt(CellPart.ENERGY) {
                cell.energy.build(context).let { base -> proposal?.let { cell.objective.modelEnergy(base, it) } ?: base }
            }
            val objective = attempt(CellPart.OBJECTIVE) { cell.objective.build(context) }
            val optimizer = attempt(CellPart.TRAIN) { cell.training.optimizer.build() }
            if (proposal == null || energy == null) return null
            val test = Tensors.fromRows(manager, data.test.toArray(), data.test.size(), data.test.dim())
            val metricContext = MetricContext(energy, proposal, test, data.generator, context, data.trueCouplings)
            val bound = cell.metrics.mapIndexed { i, m -> attempt(CellPart.METRIC, i) { m.name to m.bind(metricContext) } }
            if (objective == null || optimizer == null || bound.any { it == null }) return null
            val evaluator = CellEvaluator(bound.filterNotNull(), metricContext)
            val trainer = attempt(CellPart.TRAIN) {
                Trainer.builder().setEnergy(energy).setObjective(objective).optProposal(proposal).setData(data.train)
                    .optSeed(cell.seed).optEvaluator(cell.training.evaluateEvery, evaluator)
                    .also { cell.training.configure(it, data.generator, cell.dataset.label) }
            } ?: return null
            return CellEngine(proposal, energy, evaluator, trainer)
        }

        /** [build] for a cell that must build: the first problem is thrown. */
        fun build(cell: CellSpec, data: CellData, manager: NDManager): CellEngine = build(cell, data, manager, null)!!

        /** The energy the cell trains (with SNL's base distribution, tilted by the proposal). */
        fun modelEnergy(cell: CellSpec, context: BuildContext, proposal: Proposal): EnergyModel =
            part(CellPart.ENERGY) { cell.objective.modelEnergy(cell.energy.build(context), proposal) }

        /** Loads the cell's data, a failure being a [CellProblem] of its dataset. */
        fun data(cell: CellSpec, scriptDir: java.nio.file.Path?): CellData =
            part(CellPart.DATASET) { cell.dataset.load(cell.seed, scriptDir) }

        private fun <T> part(part: CellPart, index: Int = 0, block: () -> T): T = try {
            block()
        } catch (e: SpecException) {
            throw CellProblem(part, index, e.parameter, e)
        } catch (e: IllegalArgumentException) {
            if (e is CellProblem) throw e
            throw CellProblem(part, index, null, e)
        }
    }
}
