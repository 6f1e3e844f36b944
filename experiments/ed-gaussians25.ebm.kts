// The official Energy Discrepancy 25-Gaussians run (docs/methods.md §8.2, target T6): MLP 2-128x4-1 softplus, batch
// 128 of fresh samples per step, t = 1 (variance), M = 4, w = 1, Adam 1e-3, EMA 0.999, 50 000 steps. The notebook logs
// about 5 minutes on one GPU; `ebm bench` and the README's Performance section time it on 2 CPU cores.
// Optimum test log-likelihood: −2.146.
experiment("ed-gaussians25") {
    datasets(gaussians25())
    seeds(0)
    energy = mlp(128, 128, 128, 128, activation = softplus)
    objective = energyDiscrepancy(t = 1.0, m = 4, w = 1.0)
    train { steps = 50_000; batch = 128; optimizer = adam(lr = 1e-3); ema = 0.999; evaluateEvery = 10_000; freshSamples = true }
    metrics(testLogLikelihoodGrid(box = 6.0, resolution = 300), mseLogDensity(points = 5_000))
}
