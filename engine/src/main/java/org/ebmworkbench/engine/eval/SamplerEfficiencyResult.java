package org.ebmworkbench.engine.eval;

/**
 * What {@link SamplerEfficiency} measured over the kept part of the chains.
 *
 * @param ess mean effective sample size per chain of the Hamming distance to a fixed reference state
 * @param keptSteps the sampler steps after burn-in, the chain length the ESS is of
 * @param seconds host wall-clock time of one run of that many steps (ending with a host read, so device work is done)
 * @param energyEvaluations energy rows evaluated per chain by that run (a row under a gradient collector counts once)
 */
public record SamplerEfficiencyResult(double ess, int keptSteps, double seconds, double energyEvaluations) {
    /** ESS per second of sampling. */
    public double essPerSecond() {
        return ess / seconds;
    }

    /** ESS per energy evaluation of one chain. */
    public double essPerEnergyEvaluation() {
        return ess / energyEvaluations;
    }
}
