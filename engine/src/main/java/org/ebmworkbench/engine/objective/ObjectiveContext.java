package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * What an objective sees at a step: the energy, the current parameters, the proposal (if the run has one), a
 * manager for new tensors and the step index (0-based).
 */
public record ObjectiveContext(
        EnergyModel energy, Parameters parameters, @Nullable Proposal proposal, NDManager manager, long step) {

    /** The proposal, or a clear error naming the objective that needs one. */
    public Proposal requireProposal(String objective) {
        if (proposal == null) {
            throw new IllegalStateException(objective + " needs a proposal distribution, but the run has none");
        }
        return proposal;
    }
}
