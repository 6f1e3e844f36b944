// How many proposal samples per step do SNL, NCE and log-IS need? Checkerboard, the SNL 2-D setting
// (docs/methods.md §8.1, target T3: 75 epochs of batch 512), over {1, 8, 32, 128, 512} proposal samples per step.
// For NCE these are its noise samples per step (ν = samples / batch, as in the SNL code's baseline). Optimum test
// log-likelihood: −3.466.
experiment("proposal-samples") {
    datasets(checkerboard())
    seeds(0)
    energy = mlp(300, 200, 100, 50)
    proposal = gaussian()
    train { epochs = 75; batch = 512; optimizer = adam(lr = 1e-3, weightDecay = 5e-4); evaluateEvery = 200 }
    metrics(testLogLikelihoodGrid(box = 6.0, resolution = 300), testLogLikelihoodIs(samples = 20_000))
    vary("samples", 1, 8, 32, 128, 512) { k ->
        method("snl") { objective = snl(proposalSamples = k, biasInitSamples = 1_024) }
        method("nce") { objective = nce(noiseSamples = k) }
        method("log_is") { objective = logIs(proposalSamples = k) }
    }
}
