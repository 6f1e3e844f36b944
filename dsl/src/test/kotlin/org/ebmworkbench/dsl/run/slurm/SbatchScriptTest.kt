package org.ebmworkbench.dsl.run.slurm

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.dsl.spec.SlurmOptions
import org.ebmworkbench.dsl.spec.SpecException
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.normal1d
import java.nio.file.Path

/**
 * The generated batch script, byte for byte against `slurm/golden.sbatch` (this runs with or without a Slurm), the
 * parsing of `squeue`/`sacct` output, and the Slurm options from the DSL and the command line.
 */
class SbatchScriptTest : FunSpec({
    test("the batch script of a 6-cell grid is the golden one") {
        val options = SlurmOptions(partition = "gpu", time = "01:30:00", memory = "8G", cpusPerTask = 4,
            gpusPerTask = 1, account = "ml-lab", extra = listOf("--qos=long", "--constraint=a100"))
        val script = SbatchScript(
            jobName = "ebm-toy-density", taskCount = 6, manifest = Path.of("/shared/runs/toy-density/slurm/s1/manifest.txt"),
            output = Path.of("/shared/runs/toy-density/slurm/s1/task-%a.out"), options = options,
            cellCommand = listOf("/opt/java17/bin/java", "-Xmx2g", "-cp", "/shared/ebm/.ebm/build/lib/*", "org.ebmworkbench.dsl.cli.MainKt"),
            device = "gpu", scriptDir = Path.of("/shared/ebm/my experiments"),
        )
        val golden = SbatchScriptTest::class.java.getResource("/slurm/golden.sbatch")!!.readText()
        script.text() shouldBe golden
    }

    test("a value the shell would split or expand is quoted as one word") {
        SbatchScript.quote("/plain/path-1.jar") shouldBe "/plain/path-1.jar"
        SbatchScript.quote("a b") shouldBe "'a b'"
        SbatchScript.quote("it's \$HOME") shouldBe "'it'\\''s \$HOME'"
        SbatchScript.quote("lib/*") shouldBe "'lib/*'"
    }

    test("squeue lines give each array task's state and reason; 'None' is no reason; other lines are skipped") {
        val tasks = SlurmCli.parseSqueue("0|RUNNING|None\n1|PENDING|Resources\n5|CANCELLED|None\nsqueue: warning\n\n")
        tasks.keys shouldBe setOf(0, 1, 5)
        tasks[1] shouldBe TaskState(1, "PENDING", "Resources")
        tasks[5]!!.live shouldBe false
        tasks[0]!!.live shouldBe true
        tasks[1]!!.live shouldBe true
    }

    test("sacct lines of the array's tasks give state, who cancelled and the exit code; other jobs are ignored") {
        val tasks = SlurmCli.parseSacct("42_0|COMPLETED|0:0\n42_3|CANCELLED by 0|0:15\n420_1|FAILED|1:0\n42_4|TIMEOUT|0:0\n", "42")
        tasks.keys shouldBe setOf(0, 3, 4)
        tasks[3] shouldBe TaskState(3, "CANCELLED", "by 0, exit code 0:15")
        tasks[4]!!.state shouldBe "TIMEOUT"
    }

    test("slurm { } in a script sets the options; the command line overrides them value by value") {
        val spec = buildExperiment("slurmy") {
            datasets(normal1d())
            energy = mlp(8)
            objective = energyDiscrepancy()
            train { steps = 10 }
            slurm { partition = "cpu"; time = "00:30:00"; cpusPerTask = 2; sbatch("--qos=short") }
        }
        spec.slurm shouldBe SlurmOptions(partition = "cpu", time = "00:30:00", cpusPerTask = 2, extra = listOf("--qos=short"))
        spec.slurm!!.overriddenBy(SlurmOptions(time = "02:00:00", memory = "4G", extra = listOf("--nice=10"))) shouldBe
            SlurmOptions(partition = "cpu", time = "02:00:00", memory = "4G", cpusPerTask = 2, extra = listOf("--qos=short", "--nice=10"))
    }

    test("malformed Slurm values are rejected naming the option") {
        shouldThrow<SpecException> { SlurmOptions(time = "90 minutes") }.message shouldContain "slurm.time"
        shouldThrow<SpecException> { SlurmOptions(memory = "8 GB") }.message shouldContain "slurm.memory"
        shouldThrow<SpecException> { SlurmOptions(cpusPerTask = 0) }.message shouldContain "slurm.cpusPerTask"
        shouldThrow<SpecException> { SlurmOptions(extra = listOf("qos=long")) }.message shouldContain "slurm.extra"
        SlurmOptions(time = "1-12:00:00", memory = "8000M").time shouldBe "1-12:00:00"
    }
})
