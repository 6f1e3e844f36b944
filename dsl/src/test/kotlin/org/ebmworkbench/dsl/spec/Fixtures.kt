package org.ebmworkbench.dsl.spec

/** Specs shared by the spec tests. */
internal object Fixtures {
    /** The quickstart experiment of the design doc, built in code. */
    val quickstart: ExperimentSpec = buildExperiment("quickstart") {
        datasets(checkerboard(n = 10_000), gaussians25(n = 10_000))
        seeds(0)
        energy = mlp(128, 128, 128, activation = softplus)
        proposal = gaussian()
        objective = snl(proposalSamples = 512)
        train { steps = 4_000; batch = 512; optimizer = adam(lr = 1e-3); ema = 0.999; evaluateEvery = 1_000 }
        metrics(testLogLikelihoodGrid(box = 6.0, resolution = 300), testLogLikelihoodIs(samples = 20_000))
    }

    /** One instance of every sealed subtype, spread over a few specs (an experiment has one proposal). */
    private val proposals: List<ProposalSpec> = listOf(
        gaussian(covariance = full, jitter = 0.05),
        gaussian(mean = listOf(0.0, 1.0), std = listOf(1.0, 2.0)),
        uniformBox(low = listOf(-1.0, -2.0), high = listOf(1.0, 2.0)),
        uniformBox(margin = 0.25),
        gaussianMixture(components = 5),
    )

    private val objectives: List<ObjectiveSpec> = listOf(
        snl(proposalSamples = 64, biasInitSamples = 32, logIsWarmupSteps = 5, baseDistribution = true),
        contrastiveDivergence(langevin(steps = 3, stepSize = 0.02, gradientClip = 0.5), persistent, energyL2 = 0.3),
        contrastiveDivergence(decoupledLangevin(noise = 0.005), replayBuffer, bufferSize = 100, reinitFraction = 0.1),
        contrastiveDivergence(mala(stepSize = 0.05), fromNoise),
        contrastiveDivergence(hmc(leapfrogSteps = 3), fromData),
        nce(noisePerDatum = 3, noiseSamples = 40),
        energyDiscrepancy(t = 0.5, m = 8, w = 0.0),
        logIs(proposalSamples = 16),
        scoreMatching(),
        denoisingScoreMatching(sigma = 0.2),
        slicedScoreMatching(projections = 2, distribution = gaussianProjections, varianceReduced = true),
    )

    val everySubtype: List<ExperimentSpec> = objectives.mapIndexed { i, o ->
        buildExperiment("every-$i") {
            datasets(fourCircles(n = 500, nTest = 300), csv("data/power.csv", testFraction = 0.1))
            seeds(3, 4)
            energy = if (i % 2 == 0) mlp(16, 8, activation = leakyRelu, leakySlope = 0.2) else quadratic(false)
            proposal = proposals[i % proposals.size]
            objective = o
            train {
                epochs = 3; batch = 32; optimizer = adamW(lr = 1e-2, weightDecay = 1e-4)
                ema = 0.99; evaluateEvery = 10; logEvery = 5; freshSamples = true
            }
            metrics(
                testLogLikelihoodGrid(box = 4.0, resolution = 100, selfCheck = false), testLogLikelihoodIs(1000),
                mseLogDensity(points = 100), mmd(samples = 50, sampler = hmc(steps = 3)),
            )
        }
    }
}
