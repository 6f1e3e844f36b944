// Target T10: discrete density estimation on 2-D toys in 32-bit Gray code (docs/methods.md §10): two moons, two
// spirals and the checkerboard, each point's coordinates quantised and Gray-coded into 32 bits. The energy is the
// discrete-ED papers' MLP 32-256-256-256-1 (SiLU) minus the log-density of the data-mean Bernoulli. Energy
// discrepancy with the three discrete perturbations (Bernoulli ε = 0.1, grid, pooling over the whole 32-bit window;
// M = 32, w = 1) against contrastive divergence from the data with 10 Gibbs sweeps and with Gibbs-with-Gradients at
// the same budget (320 single-flip proposals), both with the 0.3 L2 energy penalty. Adam 2e-3, batch 128, EMA 0.999.
//
// The metric is the exp-Hamming MMD² (lower is better) between 2 000 model samples (20 Gibbs sweeps from uniform)
// and the test set; the report draws the decoded samples beside the data. The reference code trains 100 000 steps on
// a GPU; 500 steps and one seed are what 2 cores allow in 30 minutes, so the numbers compare the methods at a small
// budget, not at convergence.
experiment("graycode") {
    datasets(grayCode(twoMoons()), grayCode(twoSpirals()), grayCode(checkerboard()))
    seeds(0)
    energy = withBaseDistribution(mlp(256, 256, 256, activation = silu), dataMeanBernoulli())
    train { steps = 500; batch = 128; optimizer = adam(lr = 2e-3); ema = 0.999; evaluateEvery = 500 }
    metrics(mmdHamming(samples = 2_000))
    method("ed-bernoulli") { objective = energyDiscrepancy(bernoulliPerturbation(0.1), m = 32, w = 1.0) }
    method("ed-grid") { objective = energyDiscrepancy(gridPerturbation(), m = 32, w = 1.0) }
    method("ed-pool") { objective = energyDiscrepancy(poolingPerturbation(32), m = 32, w = 1.0) }
    method("cd-gibbs") { objective = contrastiveDivergence(gibbs(steps = 10), fromData, energyL2 = 0.3) }
    method("cd-gwg") { objective = contrastiveDivergence(gibbsWithGradients(steps = 320), fromData, energyL2 = 0.3) }
}
