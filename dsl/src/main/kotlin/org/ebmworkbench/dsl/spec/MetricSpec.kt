package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** A metric evaluated on the test set during and after training. [name] is its column in `metrics.csv`. */
@Serializable
sealed interface MetricSpec {
    val name: String
}

/**
 * Exact test log-likelihood (nats, mean over test points) by quadrature on a [resolution]² grid over
 * `[-box, box]²`; 2-D data only. With [selfCheck] the estimate is recomputed on a doubled box and resolution
 * and the difference is reported, so truncation or discretisation error is visible.
 */
@Serializable
@SerialName("test_ll_grid")
data class GridLogLikelihoodSpec(
    val box: Double = 6.0,
    val resolution: Int = 300,
    val selfCheck: Boolean = true,
) : MetricSpec {
    init {
        Check.positive("testLogLikelihoodGrid.box", box)
        Check.atLeast("testLogLikelihoodGrid.resolution", resolution, 2)
    }

    override val name: String get() = "test_ll_grid"
}

/**
 * Test log-likelihood with `log Z` estimated by importance sampling from the cell's proposal with [samples]
 * draws (the SNL code's test-time default is 20 000). Stochastic, and biased upwards in expectation
 * (`E[log Ẑ] ≤ log Z` by Jensen), which shrinks as [samples] grows.
 */
@Serializable
@SerialName("test_ll_is")
data class IsLogLikelihoodSpec(val samples: Int = 20_000) : MetricSpec {
    init {
        Check.atLeast("testLogLikelihoodIs.samples", samples, 1)
    }

    override val name: String get() = "test_ll_is"
}

/**
 * Mean squared error of the model's log-density (the Energy Discrepancy 2-D protocol, methods.md §1.2.3): on
 * [points] fresh points from the data generator, `mean_i (−E(x_i) − log Ẑ − log p(x_i))²` with log Ẑ by importance
 * sampling with the true density p as proposal. Only for toy datasets whose density is known in closed form. The
 * points are drawn once per cell, with the cell's test seed, so every evaluation scores the same points.
 */
@Serializable
@SerialName("mse_log_density")
data class MseLogDensitySpec(val points: Int = 5_000) : MetricSpec {
    init {
        Check.atLeast("mseLogDensity.points", points, 2)
    }

    override val name: String get() = "mse_log_density"
}

/**
 * Squared MMD (unbiased, Gaussian kernel, median-heuristic bandwidth) between [samples] model samples and as many
 * test points. The model samples are [sampler] chains (`sampler.steps` steps) started from the cell's proposal;
 * the sampler and its step count are part of this spec, hence of the recorded protocol.
 */
@Serializable
@SerialName("mmd")
data class MmdSpec(val samples: Int = 1_000, val sampler: SamplerSpec = MalaSpec(steps = 200, stepSize = 0.01)) : MetricSpec {
    init {
        Check.atLeast("mmd.samples", samples, 2)
    }

    override val name: String get() = "mmd"
}
