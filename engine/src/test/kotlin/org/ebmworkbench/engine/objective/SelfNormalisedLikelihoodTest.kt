package org.ebmworkbench.engine.objective

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.tensor.Tensors
import org.ebmworkbench.engine.train.OptimizerConfig
import org.ebmworkbench.engine.train.Trainer
import kotlin.math.PI
import kotlin.math.ln

/**
 * SNL's log-IS warm-up, particular to it; recovery (target T1 of docs/methods.md §8.3, in 2-D), b → log Z, gradients
 * and memory are in the contract battery (org.ebmworkbench.engine.contract).
 */
class SelfNormalisedLikelihoodTest : FunSpec({
    test("with a log-IS warm-up and AdamW (no decay) SNL still reaches the same optimum; b gets no gradient during warm-up") {
        TestSupport.withManager { m ->
            val data = TestSupport.gaussianData(4096, doubleArrayOf(-0.7), doubleArrayOf(1.0), seed = 12)
            fun trainer(steps: Long) = Trainer.builder()
                .setEnergy(QuadraticEnergy(1, false))
                .setObjective(SelfNormalisedLikelihood.builder().optProposalSamples(4096).optLogIsWarmupSteps(500).build())
                .optProposal(DiagonalGaussianProposal(m, doubleArrayOf(0.0), doubleArrayOf(2.0)))
                .setData(data).optBatchSize(4096).setSteps(steps)
                .optOptimizer(OptimizerConfig.adamW(0.01, 0.0)).optEma(0.995).optSeed(4)
                .build()
            // During the log-IS warm-up b cancels from the loss, so Adam never moves it from its initial value.
            val warm = trainer(400).train(m).parameters()
            val initial = TestSupport.withManager { m2 ->
                TestSupport.seed(4)
                val e = QuadraticEnergy(1, false)
                SelfNormalisedLikelihood.builder().build().initialize(
                    ObjectiveContext(e, e.initialize(m2), DiagonalGaussianProposal(m2, doubleArrayOf(0.0), doubleArrayOf(2.0)), m2, 0))
                    .get(SelfNormalisedLikelihood.BIAS).let { Tensors.scalar(it) }
            }
            Tensors.scalar(warm.get(SelfNormalisedLikelihood.BIAS)) shouldBe (initial plusOrMinus 1e-6)
            val p = trainer(3000).train(m).evaluationParameters()
            Tensors.scalar(p.get(QuadraticEnergy.MEAN)) shouldBe (data.mean()[0] plusOrMinus 0.02)
            Tensors.scalar(p.get(SelfNormalisedLikelihood.BIAS)) shouldBe (0.5 * ln(2 * PI) plusOrMinus 0.02)
        }
    }
})
