package org.ebmworkbench.dsl.spec

import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.objective.Objective
import org.ebmworkbench.engine.proposal.Proposal

/**
 * The training objective (a loss to minimise). [type] is the short label used in cell ids and reports. Each
 * objective is one file: its DSL factory, this spec and its [ComponentType], registered in [Components].
 */
interface ObjectiveSpec : EngineSpec<Objective> {
    val type: String

    /** This objective in a smoke run of [steps] optimiser steps (see [ExperimentSpec.smoke]); unchanged by default. */
    fun smoke(steps: Int): ObjectiveSpec = this

    /** The energy the cell trains, built from the cell's [base] energy; the base itself unless the objective tilts it. */
    fun modelEnergy(base: EnergyModel, proposal: Proposal): EnergyModel = base
}
