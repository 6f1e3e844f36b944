// Target T9: learning the couplings of a periodic lattice Ising model (docs/methods.md §10) from 2 000 Gibbs samples,
// D = 25 (5 × 5) and D = 100 (10 × 10), σ ∈ {0.1, 0.25, 0.5}, over 3 seeds. Energy discrepancy with the Bernoulli
// (ε = 0.1) and grid perturbations (M = 32, w = 1) against persistent contrastive divergence with Gibbs and with
// Gibbs-with-Gradients (buffer 100). The learner is the full Ising energy (symmetric J, zero diagonal, bias), batch
// 100, Adam. The metric is log_rmse_J, lower is better; the report puts the Ĵ = 0 reference log(σ·√(4/D)) beside it.
//
// Budgets: GWG makes 100 single-flip proposals per update (Grathwohl et al. 2021's Ising PCD); Gibbs makes one
// systematic sweep, the same 100 site updates at D = 100 (25 at D = 25). The reference protocol trains with lr 0.01
// for far longer; at 600 updates (what 2 cores allow in 30 minutes) lr 0.01 leaves Ĵ noisier than Ĵ = 0 at D = 100, lr 1e-3 does not.
experiment("ising") {
    datasets(
        latticeIsing(5, 0.1), latticeIsing(5, 0.25), latticeIsing(5, 0.5),
        latticeIsing(10, 0.1), latticeIsing(10, 0.25), latticeIsing(10, 0.5),
    )
    seeds(0, 1, 2)
    energy = ising()
    train { steps = 600; batch = 100; optimizer = adam(lr = 1e-3); evaluateEvery = 200 }
    metrics(logRmseJ())
    method("ed-bernoulli") { objective = energyDiscrepancy(bernoulliPerturbation(0.1), m = 32, w = 1.0) }
    method("ed-grid") { objective = energyDiscrepancy(gridPerturbation(), m = 32, w = 1.0) }
    method("pcd-gibbs") { objective = contrastiveDivergence(gibbs(steps = 1), persistent, bufferSize = 100) }
    method("pcd-gwg") { objective = contrastiveDivergence(gibbsWithGradients(steps = 100), persistent, bufferSize = 100) }
}
