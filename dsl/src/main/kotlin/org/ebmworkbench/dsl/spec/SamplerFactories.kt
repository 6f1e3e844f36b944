package org.ebmworkbench.dsl.spec

// Sampler factories of the DSL. Every public function in a `*Factories.kt` file must have a Catalogue entry.

/** Consistent Langevin; see [LangevinSpec]. */
fun langevin(steps: Int = 10, stepSize: Double = 0.01, gradientClip: Double = 0.0): LangevinSpec =
    LangevinSpec(steps, stepSize, gradientClip)

/** JEM/IGEBM decoupled Langevin; see [DecoupledLangevinSpec]. */
fun decoupledLangevin(steps: Int = 20, stepSize: Double = 1.0, noise: Double = 0.01, gradientClip: Double = 0.0): DecoupledLangevinSpec =
    DecoupledLangevinSpec(steps, stepSize, noise, gradientClip)

/** Metropolis-adjusted Langevin; see [MalaSpec]. */
fun mala(steps: Int = 10, stepSize: Double = 0.01): MalaSpec = MalaSpec(steps, stepSize)

/** Hamiltonian Monte Carlo; see [HmcSpec]. */
fun hmc(steps: Int = 10, stepSize: Double = 0.05, leapfrogSteps: Int = 5): HmcSpec = HmcSpec(steps, stepSize, leapfrogSteps)
