package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * One step's importance samples of a conditional objective: for each of the B rows [xᵢ, yᵢ] of a batch, K targets
 * ỹᵢₖ ~ q (detached) paired with xᵢ, and the energies of the data and of those pairs from one forward pass.
 *
 * @param x the inputs (B × featureDim)
 * @param dataEnergy E(xᵢ, yᵢ) (B)
 * @param logWeights −E(xᵢ, ỹᵢₖ) − log q(ỹᵢₖ) (B × K)
 */
record ConditionalSamples(NDArray x, NDArray dataEnergy, NDArray logWeights) {

    static ConditionalSamples draw(ObjectiveContext context, NDArray batch, int targetDim, int perRow, String objective) {
        Proposal q = context.requireProposal(objective);
        if (q.dim() != targetDim) {
            throw new IllegalStateException(objective + " needs a proposal on its " + targetDim
                    + " target column(s), but the proposal has dimension " + q.dim());
        }
        long b = batch.getShape().get(0);
        long width = batch.getShape().get(1);
        long featureDim = width - targetDim;
        NDArray x = batch.get(new NDIndex(":, :" + featureDim));
        NDArray targets = ProposalEstimates.sample(q, context, (int) (b * perRow), batch);
        NDArray logQ = q.logProb(targets).reshape(b, perRow).toType(batch.getDataType(), false);
        NDArray pairedX = x.expandDims(1).broadcast(new Shape(b, perRow, featureDim)).reshape(b * perRow, featureDim);
        NDArray pairs = NDArrays.concat(new NDList(pairedX, targets), 1);
        BatchAndExtra energies = BatchAndExtra.energies(context, batch, pairs);
        NDArray logWeights = energies.extra().reshape(b, perRow).neg().sub(logQ);
        return new ConditionalSamples(x, energies.data(), logWeights);
    }

    /** log Ẑ(xᵢ) = logmeanexp_k of the log weights (B). */
    NDArray logNormalisers() {
        return Tensors.logSumExp(logWeights, 1).sub(Math.log(logWeights.getShape().get(1)));
    }

    /** The mean over rows of each row's effective sample size (Σw)²/Σw², detached: between 1 and K. */
    NDArray meanEffectiveSampleSize() {
        NDArray w = logWeights.stopGradient();
        return Tensors.logSumExp(w, 1).mul(2).sub(Tensors.logSumExp(w.mul(2), 1)).exp().mean();
    }
}
