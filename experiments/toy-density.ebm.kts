// SNL, NCE, ED, CD, DSM and exact score matching on three 2-D toys, with the official settings of targets T3 and
// T6 (docs/methods.md §8), over 3 seeds. Run: `./ebm run experiments/toy-density.ebm.kts`; report in
// runs/toy-density/report.html. Optimal test log-likelihoods: checkerboard −3.466, 25 Gaussians −2.146,
// 8 Gaussians −2.831 (docs/methods.md §1.2).
experiment("toy-density") {
    datasets(checkerboard(), gaussians25(), gaussians8())
    seeds(0, 1, 2)
    metrics(testLogLikelihoodGrid(box = 6.0, resolution = 300), mseLogDensity(points = 5_000))

    // T3, the SNL 2-D setting: MLP 2-300-200-100-50-1, batch 512, Adam 1e-3 (weight decay 5e-4), 75 epochs of
    // 10 000 points, proposal = diagonal Gaussian fitted to the data with 512 samples per step.
    energy = mlp(300, 200, 100, 50)
    proposal = gaussian()
    train { epochs = 75; batch = 512; optimizer = adam(lr = 1e-3, weightDecay = 5e-4); evaluateEvery = 500 }
    method("snl") { objective = snl(proposalSamples = 512, biasInitSamples = 1_024) }
    method("nce") { objective = nce(noisePerDatum = 1) }
    method("dsm") { objective = denoisingScoreMatching(sigma = 0.1) }
    method("sm T3") { objective = scoreMatching() }

    // T6, the ED 2-D setting: MLP 2-128x4-1 softplus, batch 128 fresh samples per step, Adam 1e-3, EMA 0.999,
    // 10 000 steps (the notebook runs 50 001 on a GPU; 10 000 keep the grid within reach of 2 CPU cores).
    fun t6(label: String, block: VariantBuilder.() -> Unit) = method(label) {
        energy = mlp(128, 128, 128, 128, activation = softplus)
        train {
            steps = 10_000; batch = 128; optimizer = adam(lr = 1e-3); ema = 0.999; evaluateEvery = 2_000
            freshSamples = true
        }
        block()
    }
    t6("ed") { objective = energyDiscrepancy(t = 1.0, m = 4, w = 1.0) }
    t6("cd") { objective = contrastiveDivergence(langevin(steps = 10, stepSize = 0.01), fromData, energyL2 = 0.3) }
    t6("sm T6") { objective = scoreMatching() }
}
