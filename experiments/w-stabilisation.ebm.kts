// Target T8 (docs/methods.md §8.3, ED paper Fig. 2): energy discrepancy on 4096 samples of N(0, 1) with a tiny
// MLP 1-2-2-1 (SiLU), t = 1, M = 4, for w in {0, 0.1, 1, 4}. The true energy is x²/2; the report plots each
// learned -log p(x) against the truth x²/2 + ½ log 2π. Expected: w ≈ 1 closest to the parabola, w = 0 biased or
// less stable. Minibatches of 128 (1 600 steps); the notebook also reports the loss on the whole data set.
experiment("w-stabilisation") {
    datasets(normal1d(n = 4_096))
    seeds(0, 1, 2)
    energy = mlp(2, 2, activation = silu)
    train { epochs = 50; batch = 128; optimizer = adam(lr = 0.01); evaluateEvery = 400; logEvery = 50 }
    metrics(testLogLikelihoodGrid(box = 6.0, resolution = 600), mseLogDensity(points = 5_000))
    vary("w", 0.0, 0.1, 1.0, 4.0) { w -> objective = energyDiscrepancy(t = 1.0, m = 4, w = w) }
}
