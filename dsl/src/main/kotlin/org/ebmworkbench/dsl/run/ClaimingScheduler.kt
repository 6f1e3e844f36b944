package org.ebmworkbench.dsl.run

import org.ebmworkbench.reports.records.CellStatus
import java.nio.file.Path
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/**
 * Hands an [Executor] only the cells this runner could claim ([CellClaims]); the cells another live runner or a
 * live Slurm task holds are waited for, then reused when they finished, or claimed and run when their owner died
 * without finishing them. So two runners on one run folder split the grid between them instead of training every
 * cell twice, and a rerun never resubmits a cell that is still queued or running under a live Slurm job.
 *
 * @param waitForOthers false for `--detach`: cells held by others are left to them and not reported.
 */
class ClaimingScheduler(
    private val claims: CellClaims = CellClaims(),
    private val waitForOthers: Boolean = true,
    private val pollMillis: Long = 500,
    private val owner: ClaimOwner = ClaimOwner.thisProcess(),
    private val notice: (String) -> Unit = {},
) {
    /** The status of a cell, and whether it was reused (finished by someone else) rather than run here. */
    data class Result(val status: CellStatus, val reused: Boolean)

    @Volatile private var stopped = false

    /** Stops waiting for others' cells; the executor is stopped by its own [Executor.stop]. */
    fun stop() {
        stopped = true
    }

    /**
     * Runs or waits for every job; [finished] gives a cell's status when it needs no rerun; [prepare] is applied to
     * each job once it is claimed, before the executor gets it. Returns a result for every
     * job that finished, ran here, or (detached) was submitted, by cell id.
     */
    fun run(
        executor: Executor, jobs: List<CellJob>, listener: ExecutionListener, finished: (Path) -> CellStatus?,
        prepare: (CellJob) -> Unit = {},
    ): Map<String, Result> {
        val results = LinkedHashMap<String, Result>()
        val heartbeat = Executors.newSingleThreadScheduledExecutor { r -> Thread(r, "ebm-claim-heartbeat").apply { isDaemon = true } }
        val mine = java.util.concurrent.ConcurrentHashMap.newKeySet<Path>()
        heartbeat.scheduleAtFixedRate({ mine.forEach { runCatching { claims.heartbeat(it, owner) } } },
            CellClaims.HEARTBEAT_SECONDS, CellClaims.HEARTBEAT_SECONDS, TimeUnit.SECONDS)
        try {
            var open = jobs
            val waiting = mutableSetOf<String>()
            while (open.isNotEmpty() && !stopped) {
                val (claimed, held) = claimAll(open, results, finished)
                mine.addAll(claimed.map { it.dir })
                if (claimed.isNotEmpty()) {
                    claimed.forEach(prepare)
                    executor.run(claimed, listener).forEach { results[it.cellId] = Result(it, reused = false) }
                    claimed.forEach { claims.release(it.dir, owner); mine.remove(it.dir) }
                }
                if (held.isEmpty() || !waitForOthers) break
                held.filter { waiting.add(it.spec.id) }.forEach { job ->
                    claims.liveHolder(job.dir)?.let { notice("  ${job.spec.id}  waiting: claimed by ${it.owner} since ${it.claimedAt}") }
                    listener.cellStarted(job)
                }
                open = awaitChange(held, results, finished, listener)
            }
        } finally {
            heartbeat.shutdownNow()
        }
        return results
    }

    /** Splits [jobs] into those now claimed by this runner and those a live owner holds; finished ones are reused. */
    private fun claimAll(
        jobs: List<CellJob>, results: MutableMap<String, Result>, finished: (Path) -> CellStatus?,
    ): Pair<List<CellJob>, List<CellJob>> {
        val claimed = mutableListOf<CellJob>()
        val held = mutableListOf<CellJob>()
        for (job in jobs) {
            if (finished(job.dir) != null) {
                results[job.spec.id] = Result(reusedStatus(job, finished), reused = true)
                continue
            }
            when (claims.tryClaim(job.dir, owner)) {
                // Re-checked under the claim: the previous holder may have finished it between the two looks.
                CellClaims.Attempt.Claimed -> finished(job.dir)?.let {
                    claims.release(job.dir, owner)
                    results[job.spec.id] = Result(it, reused = true)
                } ?: claimed.add(job)
                is CellClaims.Attempt.Held -> held += job
            }
        }
        return claimed to held
    }

    /**
     * Clears [cellDir]'s claim if its owner is dead (recording a Slurm task's end), so that a cell finished while no
     * runner watched has complete records before it is reused.
     */
    fun settle(cellDir: Path) {
        if (java.nio.file.Files.isDirectory(cellDir)) claims.settle(cellDir)
    }

    /** A finished cell's status once its dead owner is settled (a Slurm task's end recorded), if it has one. */
    private fun reusedStatus(job: CellJob, finished: (Path) -> CellStatus?): CellStatus {
        claims.settle(job.dir)
        return checkNotNull(finished(job.dir)) { "${job.dir} was finished a moment ago" }
    }

    /**
     * Polls [held] until at least one is free (its owner released it or is gone): a finished one is reused (and
     * reported to [listener]); returns the cells still open, to be claimed.
     */
    private fun awaitChange(
        held: List<CellJob>, results: MutableMap<String, Result>, finished: (Path) -> CellStatus?,
        listener: ExecutionListener,
    ): List<CellJob> {
        while (!stopped) {
            var changed = false
            val open = held.filter { job ->
                if (!claims.settle(job.dir)) return@filter true
                changed = true
                val done = finished(job.dir) ?: return@filter true
                results[job.spec.id] = Result(done, reused = true)
                listener.cellFinished(job, done)
                false
            }
            if (changed) return open
            Thread.sleep(pollMillis)
        }
        return emptyList()
    }
}
