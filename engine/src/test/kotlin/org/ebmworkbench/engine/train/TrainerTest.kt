package org.ebmworkbench.engine.train

import ai.djl.ndarray.NDArray
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.Activation
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.objective.Loss
import org.ebmworkbench.engine.objective.Objective
import org.ebmworkbench.engine.objective.ObjectiveContext
import org.ebmworkbench.engine.objective.SelfNormalisedLikelihood
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.tensor.Parameters
import java.nio.file.Files

/** The training loop's contract: divergence is an outcome, seeds repeat runs, checkpoints round-trip, no leaks. */
class TrainerTest : FunSpec({
    val data = TestSupport.gaussianData(512, doubleArrayOf(0.0, 1.0), doubleArrayOf(1.0, 0.5), seed = 1)
    val mlp = MlpEnergy.builder().setInputDim(2).setHidden(16, 16).optActivation(Activation.SILU).build()

    /** Mean energy on the data, turned into NaN from a given step on. */
    class PoisonedObjective(private val badFrom: Long) : Objective {
        override fun name() = "poisoned"
        override fun describe() = "mean energy, NaN from step $badFrom"
        override fun diagnosticNames() = emptyList<String>()
        override fun loss(context: ObjectiveContext, batch: NDArray): Loss {
            val e = context.energy().energy(context.parameters(), batch).mean()
            return Loss(if (context.step() >= badFrom) e.mul(Float.NaN) else e, mapOf())
        }
    }

    fun snlTrainer(proposal: org.ebmworkbench.engine.proposal.Proposal, steps: Long, seed: Long) = Trainer.builder()
        .setEnergy(mlp).setObjective(SelfNormalisedLikelihood.builder().optProposalSamples(64).build())
        .optProposal(proposal).setData(data).optBatchSize(64).setSteps(steps).optSeed(seed).optEma(0.9).optLogEvery(10)
        .build()

    test("a NaN loss becomes a DIVERGED outcome with the exact first bad step, not an exception") {
        TestSupport.withManager { m ->
            val result = Trainer.builder().setEnergy(mlp).setObjective(PoisonedObjective(badFrom = 36))
                .setData(data).optBatchSize(32).setSteps(500).optLogEvery(25).build().train(m)
            result.outcome() shouldBe TrainingResult.Outcome.DIVERGED
            // Steps are counted from 1 in results: the 37th step is the first with a NaN loss.
            result.divergedAtStep() shouldBe 37L
            result.steps() shouldBe 50L
        }
    }

    test("the same seed repeats a run exactly; another seed does not") {
        fun finalEnergy(seed: Long): Float = TestSupport.withManager { m ->
            val q = DiagonalGaussianProposal.fit(m, data, 0.01)
            val r = snlTrainer(q, 30, seed).train(m)
            mlp.energy(r.parameters(), m.create(floatArrayOf(0.3f, 0.7f)).reshape(1, 2)).toFloatArray()[0]
        }
        finalEnergy(7) shouldBe finalEnergy(7)
        finalEnergy(7) shouldNotBe finalEnergy(8)
    }

    test("fresh samples each step: a generator feeds the trainer, and the run repeats with its seed") {
        val generator = org.ebmworkbench.engine.data.ToyDatasets.byName("gaussians25")
        fun finalEnergy(seed: Long): Float = TestSupport.withManager { m ->
            val q = DiagonalGaussianProposal.fit(m, generator.sample(2000, 0L), 0.01)
            val r = Trainer.builder().setEnergy(mlp).setObjective(SelfNormalisedLikelihood.builder().optProposalSamples(64).build())
                .optProposal(q).optFreshSamples(generator).optBatchSize(32).setSteps(20).optSeed(seed).build().train(m)
            r.outcome() shouldBe TrainingResult.Outcome.COMPLETED
            r.steps() shouldBe 20L
            mlp.energy(r.parameters(), m.create(floatArrayOf(0.3f, 0.7f)).reshape(1, 2)).toFloatArray()[0]
        }
        finalEnergy(5) shouldBe finalEnergy(5)
        finalEnergy(5) shouldNotBe finalEnergy(6)
    }

    test("epochs over a fixed sample take ceil(n / batch) steps each") {
        val t = Trainer.builder().setEnergy(mlp).setObjective(PoisonedObjective(badFrom = Long.MAX_VALUE))
            .setData(data).optBatchSize(100).setEpochs(3).build()
        t.totalSteps() shouldBe 18L
        TestSupport.withManager { m -> t.train(m).steps() shouldBe 18L }
    }

    test("invalid settings fail at build time with the parameter named") {
        val e = io.kotest.assertions.throwables.shouldThrow<IllegalArgumentException> {
            Trainer.builder().setEnergy(mlp).setObjective(PoisonedObjective(0)).setData(data).setSteps(10).optEma(1.5).build()
        }
        e.message!! shouldBe "trainer.ema must be in (0.0, 1.0), was 1.5"
    }

    test("checkpoints round-trip: reloaded parameters give the same energies") {
        TestSupport.withManager { m ->
            val q = DiagonalGaussianProposal.fit(m, data, 0.01)
            val r = snlTrainer(q, 20, 2).train(m)
            val dir = Files.createTempDirectory("ckpt")
            Checkpoints.save(dir.resolve("final.params"), r.parameters())
            Checkpoints.save(dir.resolve("ema.params"), r.emaParameters()!!)
            val x = q.sample(m, 100)
            for ((file, params) in listOf("final.params" to r.parameters(), "ema.params" to r.emaParameters()!!)) {
                val loaded: Parameters = Checkpoints.load(dir.resolve(file), m)
                loaded.names() shouldBe params.names()
                // Bit-identical: the checkpoint stores float32 exactly.
                mlp.energy(loaded, x).toFloatArray() shouldBe mlp.energy(params, x).toFloatArray()
            }
        }
    }

    test("training leaks no tensors: the manager holds the same number of arrays after 50 and 250 steps") {
        fun liveArrays(steps: Long): Int = TestSupport.withManager { m ->
            val q = DiagonalGaussianProposal.fit(m, data, 0.01)
            snlTrainer(q, steps, 1).train(m)
            m.managedArrays.size
        }
        liveArrays(250) shouldBe liveArrays(50)
    }
})
