package org.ebmworkbench.dsl.spec

/**
 * One building block of the DSL as `ebm list` shows it.
 *
 * @property category `objective`, `sampler`, `proposal`, `dataset`, `metric`, `energy` or `optimizer`.
 * @property name the DSL call with its parameter names, e.g. `snl(proposalSamples, biasInitSamples, …)`.
 * @property doc one line: what it is, its defaults and where they come from.
 */
data class CatalogueEntry(val category: String, val name: String, val doc: String)

/**
 * Everything a script can call, with defaults and provenance. It lives beside the factories (`*Factories.kt`)
 * because it must list every one of them; CatalogueSpec fails when a factory has no entry. Defaults in the
 * docs are read from the spec classes, so they cannot drift from the code.
 */
object Catalogue {
    val entries: List<CatalogueEntry> =
        datasets() + energies() + proposals() + objectives() + samplers() + optimizers() + metrics()

    private fun datasets(): List<CatalogueEntry> {
        val d = ToyDatasetSpec("checkerboard")
        val toy = "n = ${d.n} training and nTest = ${d.nTest} test points drawn with the cell's seed"
        fun entry(call: String, what: String) = CatalogueEntry("dataset", "$call(n, nTest)", "$what; $toy.")
        return listOf(
            entry("checkerboard", "Uniform on 8 alternating 2×2 squares in [-4,4]² (SNL/ED code; optimum LL −3.466)"),
            entry("gaussians25", "25 Gaussians, centres {−4,−2,0,2,4}²/1.414, std 0.2/1.414 (ED notebook; optimum LL −2.146)"),
            entry("gaussians8", "8 Gaussians on radius 4/1.414, std 0.5/1.414 (ED/EB-GFN code; optimum LL −2.831)"),
            entry("fourCircles", "4 radius-2 circles at (±1,±1), noise std 0.1 (SNL code; optimum LL −2.873)"),
            entry("funnel", "Funnel y~N(0,1), x|y~N(0,e^{2y}), columns [x,y] (SNL code; optimum LL −2.838)"),
            entry("pinwheelSnl", "5-arm pinwheel, radial 0.3, tangential 0.05, rate 0.25, ×10 (SNL code)"),
            entry("pinwheelEd", "5-arm pinwheel, radial 0.3, tangential 0.1, rate 0.25, ×2 (ED/EB-GFN code)"),
            entry("twoMoons", "Two interleaved half-moons (ED/EB-GFN toy suite)"),
            entry("swissRoll", "Noisy 2-D Swiss roll (ED/EB-GFN toy suite)"),
            entry("rings", "Concentric noisy rings (ED/EB-GFN toy suite)"),
            entry("twoSpirals", "Two interleaved noisy spirals (ED/EB-GFN toy suite)"),
            entry("normal1d", "1-D standard normal, true energy x²/2 (ED Fig. 2; optimum LL −1.419)"),
            CatalogueEntry(
                "dataset", "csv(path, testFraction)",
                "Numeric CSV with a header row; a seeded shuffle holds out testFraction = " +
                    "${CsvDatasetSpec("x.csv").testFraction} of the rows.",
            ),
        )
    }

    private fun energies(): List<CatalogueEntry> {
        val m = MlpEnergySpec(listOf(1))
        val q = QuadraticEnergySpec()
        return listOf(
            CatalogueEntry(
                "energy", "mlp(vararg hidden, activation, leakySlope)",
                "MLP D→hidden…→1, no final bias; activation = ${m.activation.dsl()} (or silu, relu, leakyRelu), " +
                    "leakySlope = ${m.leakySlope}; ED 2-D: mlp(128, 128, 128, 128), SNL 2-D: mlp(300, 200, 100, 50).",
            ),
            CatalogueEntry(
                "energy", "quadratic(trainablePrecision)",
                "Quadratic (Gaussian) energy ½(x−μ)ᵀP(x−μ); trainablePrecision = ${q.trainablePrecision} " +
                    "(false: P = I, the SNL Figure 1 model).",
            ),
        )
    }

    private fun proposals(): List<CatalogueEntry> {
        val g = FittedGaussianProposalSpec()
        return listOf(
            CatalogueEntry(
                "proposal", "gaussian(covariance, jitter)",
                "Gaussian fitted to the training data; covariance = ${g.covariance.dsl()} (or full), " +
                    "jitter = ${g.jitter} data noise std before fitting (SNL 2-D default proposal).",
            ),
            CatalogueEntry("proposal", "gaussian(mean, std)", "Fixed diagonal Gaussian N(mean, diag(std²)), one entry per dimension."),
            CatalogueEntry("proposal", "uniformBox(low, high)", "Uniform on the fixed box [low, high], one entry per dimension."),
            CatalogueEntry(
                "proposal", "gaussianMixture(components)",
                "Mixture of diagonal Gaussians fitted to the data by k-means++ then EM, seeded by the cell seed; " +
                    "components = ${FittedGaussianMixtureProposalSpec().components} (SNL's GMM proposal).",
            ),
            CatalogueEntry(
                "proposal", "uniformBox(margin)",
                "Uniform on the data's bounding box widened by margin = ${FittedUniformBoxProposalSpec().margin} × range each side.",
            ),
        )
    }

    private fun objectives(): List<CatalogueEntry> {
        val s = SnlSpec()
        val cd = ContrastiveDivergenceSpec()
        val ed = EnergyDiscrepancySpec()
        val ssm = SlicedScoreMatchingSpec()
        return listOf(
            CatalogueEntry(
                "objective", "snl(proposalSamples, biasInitSamples, logIsWarmupSteps, baseDistribution)",
                "Self-normalised log-likelihood (Senetaire et al., arXiv 2503.07021); proposalSamples = " +
                    "${s.proposalSamples}, biasInitSamples = ${s.biasInitSamples}, logIsWarmupSteps = " +
                    "${s.logIsWarmupSteps}, baseDistribution = ${s.baseDistribution} (SNL 2-D config).",
            ),
            CatalogueEntry(
                "objective", "contrastiveDivergence(sampler, init, energyL2, bufferSize, reinitFraction)",
                "MLE with MCMC negatives; init = fromData (CD-k), persistent (PCD), fromNoise (short-run) or " +
                    "replayBuffer (Du & Mordatch); energyL2 = ${cd.energyL2} (ED baseline 0.3), bufferSize = " +
                    "${cd.bufferSize}, reinitFraction = ${cd.reinitFraction}.",
            ),
            CatalogueEntry(
                "objective", "nce(noisePerDatum, noiseSamples)",
                "Noise-contrastive estimation (Gutmann & Hyvärinen 2010) with the proposal as noise and a learned " +
                    "normaliser c; noisePerDatum = ${NceSpec().noisePerDatum}, or noiseSamples > 0 per step " +
                    "(ν = noiseSamples / batch).",
            ),
            CatalogueEntry(
                "objective", "energyDiscrepancy(t, m, w)",
                "Energy discrepancy (Schröder et al. 2023), Gaussian perturbation with VARIANCE t; m negatives, " +
                    "stabiliser w (0 allowed); defaults t = ${ed.t}, m = ${ed.m}, w = ${ed.w} (official 2-D setting).",
            ),
            CatalogueEntry(
                "objective", "logIs(proposalSamples)",
                "Biased log-IS baseline: mean E + log Ẑ; proposalSamples = ${LogIsSpec().proposalSamples}.",
            ),
            CatalogueEntry("objective", "scoreMatching()", "Exact score matching (Hyvärinen 2005): ½‖∇E‖² − ΔE by double back-propagation."),
            CatalogueEntry(
                "objective", "denoisingScoreMatching(sigma)",
                "Denoising score matching (Vincent 2011); sigma = ${DenoisingScoreMatchingSpec().sigma} (SNL 2-D baseline).",
            ),
            CatalogueEntry(
                "objective", "slicedScoreMatching(projections, distribution, varianceReduced)",
                "Sliced score matching (Song et al. 2019); projections = ${ssm.projections}, distribution = rademacher " +
                    "(or gaussianProjections), varianceReduced = ${ssm.varianceReduced}.",
            ),
        )
    }

    private fun samplers(): List<CatalogueEntry> {
        val l = LangevinSpec()
        val d = DecoupledLangevinSpec()
        val m = MalaSpec()
        val h = HmcSpec()
        return listOf(
            CatalogueEntry(
                "sampler", "langevin(steps, stepSize, gradientClip)",
                "Langevin x ← x − (h/2)∇E + √h ξ; steps = ${l.steps}, stepSize h = ${l.stepSize} (ED CD baseline), " +
                    "gradientClip = ${l.gradientClip} (off).",
            ),
            CatalogueEntry(
                "sampler", "decoupledLangevin(steps, stepSize, noise, gradientClip)",
                "JEM/IGEBM form x ← x − α∇E + σξ; steps = ${d.steps}, stepSize α = ${d.stepSize}, noise σ = ${d.noise} (JEM).",
            ),
            CatalogueEntry("sampler", "mala(steps, stepSize)", "Metropolis-adjusted Langevin; steps = ${m.steps}, stepSize = ${m.stepSize}."),
            CatalogueEntry(
                "sampler", "hmc(steps, stepSize, leapfrogSteps)",
                "Hamiltonian Monte Carlo, unit mass; steps = ${h.steps}, stepSize = ${h.stepSize}, leapfrogSteps = ${h.leapfrogSteps}.",
            ),
        )
    }

    private fun optimizers(): List<CatalogueEntry> {
        fun doc(o: OptimizerSpec, what: String) =
            "$what; lr = ${o.lr}, weightDecay = ${o.weightDecay}, beta1 = ${o.beta1}, beta2 = ${o.beta2} (PyTorch defaults)."
        return listOf(
            CatalogueEntry("optimizer", "adam(lr, weightDecay, beta1, beta2)", doc(adam(), "Adam, weight decay as L2 gradient term")),
            CatalogueEntry("optimizer", "adamW(lr, weightDecay, beta1, beta2)", doc(adamW(), "AdamW, decoupled weight decay")),
        )
    }

    private fun metrics(): List<CatalogueEntry> {
        val g = GridLogLikelihoodSpec()
        val i = IsLogLikelihoodSpec()
        return listOf(
            CatalogueEntry(
                "metric", "testLogLikelihoodGrid(box, resolution, selfCheck)",
                "${g.name}: exact 2-D test LL by quadrature on [-box, box]², box = ${g.box}, resolution = " +
                    "${g.resolution}, selfCheck = ${g.selfCheck} (recheck on a doubled grid).",
            ),
            CatalogueEntry(
                "metric", "testLogLikelihoodIs(samples)",
                "${i.name}: test LL with log Z by importance sampling from the proposal, samples = " +
                    "${i.samples} (SNL code's test default).",
            ),
            CatalogueEntry(
                "metric", "mseLogDensity(points)",
                "${MseLogDensitySpec().name}: MSE of log-density on points = ${MseLogDensitySpec().points} fresh data points, " +
                    "log Z by IS with the true density (ED protocol); toys with a known density only.",
            ),
            CatalogueEntry(
                "metric", "mmd(samples, sampler)",
                "${MmdSpec().name}: unbiased squared MMD, Gaussian kernel with median bandwidth, between samples = " +
                    "${MmdSpec().samples} model samples (sampler chains from the proposal; default mala(steps = 200)) " +
                    "and test points.",
            ),
        )
    }

    private fun Activation.dsl(): String = name.lowercase().replace("_r", "R")

    private fun Covariance.dsl(): String = name.lowercase()
}
