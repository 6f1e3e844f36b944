// Energy-based regression (issue 14, target T5; docs/methods.md §12): p(y | x) ∝ exp(−E(x, y)) on the two 1-D
// regression toys, regression SNL with its amortised normaliser b_φ(x) (feat→10→1) against the normaliser-free NCE
// (ranking form) and log-IS, over {1, 8, 32, 128} target samples per row, 3 seeds. The official toy setting: the
// conditional MLP energy, a Gaussian proposal on the training targets, 25 epochs of batch 32, Adam 1e-2. Metric:
// E log p(y | x) with Z(x) by quadrature over y; optimum 0.327 on toy 1 and −1.254 on toy 2.
experiment("regression") {
    datasets(regressionToy1(), regressionToy2())
    seeds(0, 1, 2)
    energy = conditionalMlp(hidden = 50)
    proposal = targetGaussian()
    train { epochs = 25; batch = 32; optimizer = adam(lr = 1e-2); evaluateEvery = 500 }
    metrics(testLogLikelihoodQuad(points = 1024))
    vary("samples", 1, 8, 32, 128) { k ->
        method("snl") { objective = snlRegression(proposalSamples = k) }
        method("nce") { objective = nceRegression(noiseSamples = k) }
        method("log_is") { objective = logIsRegression(proposalSamples = k) }
    }
}
