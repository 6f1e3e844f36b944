package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Tensors;

/** Importance-sampling estimates from the run's proposal shared by the objectives that have one. */
final class ProposalEstimates {
    private ProposalEstimates() {}

    /**
     * log Ẑ = logmeanexp_k(−E(x̃ₖ) − log q(x̃ₖ)) over {@code samples} proposal draws, read to the host (for
     * initialising a normaliser, outside the training collector).
     */
    static double logNormaliser(ObjectiveContext context, int samples, String objective) {
        Proposal q = context.requireProposal(objective);
        try (NDScope ignored = new NDScope()) {
            NDArray x = q.sample(context.manager(), samples);
            NDArray logWeights = context.energy().energy(context.parameters(), x).neg().sub(q.logProb(x));
            double logZ = Tensors.scalar(Tensors.logMeanExp(logWeights));
            if (!Double.isFinite(logZ)) {
                throw new IllegalStateException(objective + ": initial log Z estimate is " + logZ
                        + "; the proposal does not cover where the energy is finite");
            }
            return logZ;
        }
    }

    /** {@code n} proposal samples in the data type of {@code like} (proposals draw float32). */
    static NDArray sample(Proposal q, ObjectiveContext context, int n, NDArray like) {
        return q.sample(context.manager(), n).toType(like.getDataType(), false);
    }
}
