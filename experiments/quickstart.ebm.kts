// Quickstart: self-normalised log-likelihood (SNL) on two 2-D toy densities.
// Run it with `./ebm run experiments/quickstart.ebm.kts`; the report lands in runs/quickstart/report.html.
// The optimum test log-likelihood is -3.466 on the checkerboard and -2.146 on the 25 Gaussians (docs/methods.md §1.2).
experiment("quickstart") {
    datasets(checkerboard(n = 10_000), gaussians25(n = 10_000))
    seeds(0)
    energy = mlp(128, 128, 128, activation = softplus)
    proposal = gaussian()
    objective = snl(proposalSamples = 512)
    train { steps = 15_000; batch = 512; optimizer = adam(lr = 2e-3); ema = 0.999; evaluateEvery = 1_500 }
    metrics(testLogLikelihoodGrid(box = 6.0, resolution = 300), testLogLikelihoodIs(samples = 20_000))
}
