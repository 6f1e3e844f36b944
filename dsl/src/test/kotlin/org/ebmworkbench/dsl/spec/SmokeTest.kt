package org.ebmworkbench.dsl.spec

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class SmokeTest : FunSpec({
    val big = buildExperiment("big") {
        datasets(checkerboard(n = 50_000, nTest = 20_000), csv("data/power.csv"))
        seeds(7, 8, 9)
        energy = mlp(300, 200, 16, activation = silu)
        proposal = gaussian(covariance = full)
        objective = snl(proposalSamples = 4096, biasInitSamples = 50_000, logIsWarmupSteps = 500)
        train { steps = 50_000; batch = 512; ema = 0.999; evaluateEvery = 1_000; logEvery = 100 }
        metrics(testLogLikelihoodGrid(box = 20.0, resolution = 400), testLogLikelihoodIs(samples = 20_000))
    }

    test("smoke() shrinks every size-like field and keeps everything else") {
        val e = big.smoke()
        e.name shouldBe "big"
        e.seeds shouldBe listOf(7L)
        e.datasets shouldBe listOf(checkerboard(n = 2_000, nTest = 1_000), csv("data/power.csv"))
        val s = e.variants.single()
        val b = big.variants.single()
        s.energy shouldBe mlp(32, 32, 16, activation = silu)
        s.proposal shouldBe b.proposal
        s.objective shouldBe snl(proposalSamples = 128, biasInitSamples = 128, logIsWarmupSteps = 30)
        s.training shouldBe b.training.copy(steps = 60, evaluateEvery = 20, logEvery = 20)
        s.metrics shouldBe listOf(testLogLikelihoodGrid(box = 20.0, resolution = 60), testLogLikelihoodIs(samples = 2_000))
    }

    test("smoke() keeps values that are already small") {
        val small = buildExperiment("small") {
            datasets(rings(n = 100, nTest = 50))
            energy = quadratic()
            objective = snl(proposalSamples = 8, biasInitSamples = 16)
            train { steps = 10; evaluateEvery = 5; logEvery = 1 }
            metrics(testLogLikelihoodGrid(resolution = 10, selfCheck = false), testLogLikelihoodIs(samples = 100))
        }
        small.smoke() shouldBe small
    }

    test("smoke() turns epochs into the steps they imply on the shrunk toy data, capped at 60") {
        fun epochs(e: Int, n: Int) = buildExperiment("e") {
            datasets(twoMoons(n = n), funnel(n = 10_000)); energy = mlp(8); objective = snl(); train { epochs = e; batch = 100 }
        }.smoke().variants.single().training
        epochs(1, 250).let { it.steps shouldBe 3; it.epochs shouldBe null }
        epochs(75, 10_000).steps shouldBe 60
        buildExperiment("c") { datasets(csv("a.csv")); energy = mlp(8); objective = snl(); train { epochs = 1 } }
            .smoke().variants.single().training.steps shouldBe 60
    }

    test("smoke() is idempotent") {
        (Fixtures.everySubtype + Fixtures.quickstart + big).forEach { it.smoke().smoke() shouldBe it.smoke() }
    }
})
