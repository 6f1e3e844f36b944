package org.ebmworkbench.dsl.run

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.nio.file.Files
import java.nio.file.attribute.FileTime
import java.time.Instant
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** Claims: one owner at a time, a live owner's claim is respected, a dead owner's is taken over (and reported). */
class CellClaimsTest : FunSpec({
    val me = ClaimOwner.thisProcess()

    /** A process that has ended: its pid names no live process with its start time. */
    fun deadOwner(): ClaimOwner {
        val p = ProcessBuilder("true").start()
        p.waitFor(10, TimeUnit.SECONDS) shouldBe true
        return ClaimOwner(RunEnvironment.host, p.pid(), p.info().startInstant().map { it.toString() }.orElse("gone"))
    }

    test("of many owners racing for one cell exactly one claims it; the others see it held by the winner") {
        val dir = tempdir().toPath().resolve("cell")
        val claims = CellClaims()
        val owners = (1..16).map { me.copy(slurmJob = "7_$it") } // live by the default liveness (Slurm unknown)
        val start = CountDownLatch(1)
        val pool = Executors.newFixedThreadPool(8)
        val attempts = owners.map { o -> pool.submit<CellClaims.Attempt> { start.await(); claims.tryClaim(dir, o) } }
        start.countDown()
        val results = attempts.map { it.get(30, TimeUnit.SECONDS) }
        pool.shutdown()
        results.count { it == CellClaims.Attempt.Claimed } shouldBe 1
        val winner = owners[results.indexOf(CellClaims.Attempt.Claimed)]
        results.filterIsInstance<CellClaims.Attempt.Held>().map { it.holder.owner }.toSet() shouldBe setOf(winner)
    }

    test("a claim of a live process is held; once released the cell can be claimed; release by another owner does nothing") {
        val dir = tempdir().toPath().resolve("cell")
        val claims = CellClaims()
        val other = ClaimOwner(RunEnvironment.host, ProcessHandle.current().parent().get().pid(),
            ProcessHandle.current().parent().get().info().startInstant().map { it.toString() }.orElse(null))
        claims.tryClaim(dir, other) shouldBe CellClaims.Attempt.Claimed
        claims.tryClaim(dir, me).shouldBeInstanceOf<CellClaims.Attempt.Held>().holder.owner shouldBe other
        claims.release(dir, me)
        claims.liveHolder(dir)?.owner shouldBe other
        claims.release(dir, other)
        claims.liveHolder(dir) shouldBe null
        claims.tryClaim(dir, me) shouldBe CellClaims.Attempt.Claimed
    }

    test("a dead process's claim is taken over, and the takeover is reported with the old claim") {
        val dir = tempdir().toPath().resolve("cell")
        val dead = deadOwner()
        val seen = mutableListOf<ClaimOwner>()
        val claims = CellClaims(onDeadOwner = { _, claim -> seen += claim.owner })
        claims.tryClaim(dir, dead) shouldBe CellClaims.Attempt.Claimed
        claims.liveHolder(dir) shouldBe null
        claims.tryClaim(dir, me) shouldBe CellClaims.Attempt.Claimed
        seen shouldContainExactly listOf(dead)
        claims.liveHolder(dir)?.owner shouldBe me
    }

    test("a claim from another host lives while its heartbeat is fresh and is taken over once it is stale") {
        val dir = tempdir().toPath().resolve("cell")
        val remote = ClaimOwner("some-other-host", 1, null)
        val claims = CellClaims(OwnerLiveness(heartbeatTimeoutSeconds = 60))
        claims.tryClaim(dir, remote) shouldBe CellClaims.Attempt.Claimed
        claims.tryClaim(dir, me).shouldBeInstanceOf<CellClaims.Attempt.Held>()
        Files.setLastModifiedTime(dir.resolve(CellClaims.CLAIM_FILE), FileTime.from(Instant.now().minusSeconds(61)))
        claims.tryClaim(dir, me) shouldBe CellClaims.Attempt.Claimed
    }

    test("a Slurm task's claim follows Slurm's word; when Slurm cannot be asked it is taken to be alive") {
        val dir = tempdir().toPath().resolve("cell")
        val live = mutableMapOf<String, Boolean?>("42_3" to true)
        val claims = CellClaims(OwnerLiveness(slurmTaskLive = { live[it] }))
        val task = me.copy(slurmJob = "42_3")
        claims.tryClaim(dir, me) shouldBe CellClaims.Attempt.Claimed
        claims.transfer(dir, me, task) shouldBe true
        claims.transfer(dir, me, task) shouldBe false // no longer ours to give
        claims.tryClaim(dir, me).shouldBeInstanceOf<CellClaims.Attempt.Held>()
        live["42_3"] = null
        claims.tryClaim(dir, me).shouldBeInstanceOf<CellClaims.Attempt.Held>()
        live["42_3"] = false
        claims.tryClaim(dir, me) shouldBe CellClaims.Attempt.Claimed
    }
})
