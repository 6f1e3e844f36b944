package org.ebmworkbench.dsl.spec

// Energy and proposal factories of the DSL. Every public function in a `*Factories.kt` file must have a
// Catalogue entry (CatalogueSpec checks it); the values (`softplus`, `diagonal`, …) must be named in one.

/** Softplus, `log(1 + eˣ)`: smooth, so energies have well-defined gradients everywhere (ED 2-D default). */
val softplus: Activation = Activation.SOFTPLUS

/** SiLU / Swish, `x·σ(x)`. */
val silu: Activation = Activation.SILU

/** ReLU. */
val relu: Activation = Activation.RELU

/** Leaky ReLU with slope `leakySlope` for negative inputs. */
val leakyRelu: Activation = Activation.LEAKY_RELU

/** Diagonal covariance for `gaussian(covariance = …)`. */
val diagonal: Covariance = Covariance.DIAGONAL

/** Full covariance for `gaussian(covariance = …)`. */
val full: Covariance = Covariance.FULL

/** An MLP energy with the given hidden widths, e.g. `mlp(128, 128, 128)`; see [MlpEnergySpec]. */
fun mlp(vararg hidden: Int, activation: Activation = softplus, leakySlope: Double = 0.01): MlpEnergySpec =
    MlpEnergySpec(hidden.toList(), activation, leakySlope)

/** A quadratic (Gaussian) energy; see [QuadraticEnergySpec]. */
fun quadratic(trainablePrecision: Boolean = true): QuadraticEnergySpec = QuadraticEnergySpec(trainablePrecision)

/** A Gaussian proposal fitted to the training data (the SNL 2-D default); see [FittedGaussianProposalSpec]. */
fun gaussian(covariance: Covariance = diagonal, jitter: Double = 0.01): FittedGaussianProposalSpec =
    FittedGaussianProposalSpec(covariance, jitter)

/** A fixed diagonal Gaussian proposal `N(mean, diag(std²))`. */
fun gaussian(mean: List<Double>, std: List<Double>): GaussianProposalSpec = GaussianProposalSpec(mean, std)

/** A uniform proposal on the fixed box `[low, high]`. */
fun uniformBox(low: List<Double>, high: List<Double>): UniformBoxProposalSpec = UniformBoxProposalSpec(low, high)

/** A uniform proposal on the data's bounding box widened by [margin] × range on each side. */
fun uniformBox(margin: Double = 0.1): FittedUniformBoxProposalSpec = FittedUniformBoxProposalSpec(margin)

/** A mixture of diagonal Gaussians fitted to the training data by k-means++ and EM; see [FittedGaussianMixtureProposalSpec]. */
fun gaussianMixture(components: Int = 20): FittedGaussianMixtureProposalSpec = FittedGaussianMixtureProposalSpec(components)
