package org.ebmworkbench.dsl.run

import ai.djl.ndarray.NDScope
import ai.djl.ndarray.types.DataType
import org.ebmworkbench.dsl.spec.pairwiseCouplings
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.GrayCode
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CouplingMatrices
import org.ebmworkbench.reports.records.DataSample
import org.ebmworkbench.reports.records.SampleBox

/**
 * The artefacts of discrete cells, written by [CellRunner] after training: for Gray-coded data, the decoded training
 * points (`data.json`) and decoded model samples (`model_samples.json`), both with the code's box; for an energy with
 * pairwise couplings, the symmetrised learned J beside the true J when known (`couplings.json`).
 */
internal object DiscreteArtefacts {
    /** Couplings artefacts stop here: D² values, a few MB of JSON at this size. */
    const val MAX_COUPLING_DIM = 512

    /** Decoded training points: the first [maxPoints] rows of the training set, decoded with the data's code. */
    fun decodedData(code: GrayCode, train: Dataset, maxPoints: Int): DataSample =
        decoded(code, train.subset(IntArray(minOf(train.size(), maxPoints)) { it }))

    /** [codes] (n × 2b, binary) decoded to the plane, with the code's box. */
    fun decoded(code: GrayCode, codes: Dataset): DataSample {
        val xy = code.decode(codes.toArray(), codes.size())
        return DataSample(List(codes.size()) { i -> listOf(xy[2 * i], xy[2 * i + 1]) }, SampleBox.square(code.halfWidth()))
    }

    /**
     * The symmetrised learned couplings (Ĵ + Ĵᵀ)/2 of [energy] at [parameters], and [truth] when known; null when the
     * energy has no pairwise couplings. Values keep float precision (the tensor's), written in their shortest form.
     */
    fun couplings(energy: EnergyModel, parameters: Parameters, truth: Array<DoubleArray>?): CouplingMatrices? {
        val model = pairwiseCouplings(energy) ?: return null
        val (d, values) = NDScope().use {
            val j = model.couplings(parameters)
            j.shape[0].toInt() to j.add(j.transpose()).mul(0.5).toType(DataType.FLOAT32, false).toFloatArray()
        }
        return CouplingMatrices(d, values.map { it.toString().toDouble() }, truth?.flatMap { it.asList() })
    }

    /**
     * Writes the discrete artefacts of a cell that trained to the end ([completed]) or not; returns warnings for the
     * status. Decoded data need no model, so they are written either way; model samples and couplings only after a
     * completed training, whose final parameters ([parameters]) the final evaluation scored.
     */
    fun write(
        writer: CellRecordWriter, data: CellData, energy: EnergyModel, evaluator: CellEvaluator, parameters: Parameters,
        completed: Boolean, maxPoints: Int,
    ): List<String> {
        data.grayCode?.let { code -> writer.writeDataSample(decodedData(code, data.train, maxPoints)) }
        if (!completed) return emptyList()
        data.grayCode?.let { code -> writer.writeModelSamples(decoded(code, evaluator.finalModelSamples(parameters))) }
        val d = pairwiseCouplings(energy)?.let { energy.inputDim() } ?: return emptyList()
        if (d > MAX_COUPLING_DIM) {
            return listOf("no couplings artefact: D = $d exceeds $MAX_COUPLING_DIM (D² values would not fit a readable file)")
        }
        couplings(energy, parameters, data.trueCouplings)?.let(writer::writeCouplings)
        return emptyList()
    }
}
