package org.ebmworkbench.dsl.run

import kotlinx.serialization.Serializable
import org.ebmworkbench.reports.records.AtomicFiles
import org.ebmworkbench.reports.records.RecordJson
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.FileTime
import java.time.Instant

/**
 * Who holds a cell: a runner process ([host], [pid], and its start time, so that a reused pid is not mistaken for
 * the owner), or, once its cell is submitted to Slurm, the array task [slurmJob] (e.g. `42_3`).
 */
@Serializable
data class ClaimOwner(
    val host: String,
    val pid: Long,
    val processStartedAt: String? = null,
    val slurmJob: String? = null,
) {
    /** Human-readable, for messages: `host pid 123` or `Slurm job 42_3`. */
    override fun toString(): String = slurmJob?.let { "Slurm job $it" } ?: "$host pid $pid"

    companion object {
        /** This JVM. */
        fun thisProcess(): ClaimOwner {
            val me = ProcessHandle.current()
            return ClaimOwner(RunEnvironment.host, me.pid(), me.info().startInstant().map { it.toString() }.orElse(null))
        }
    }
}

/** The content of `claim.json`: its owner and when it was claimed. */
@Serializable
data class CellClaim(val owner: ClaimOwner, val claimedAt: String)

/**
 * Decides whether a claim's owner still lives. A process on this host is asked of the OS; a process on another
 * host is judged by the claim's heartbeat (its file time, refreshed by the owner); a Slurm task by [slurmTaskLive]
 * (null: Slurm cannot be asked here, so the task is taken to be alive rather than risk training a cell twice).
 */
class OwnerLiveness(
    private val slurmTaskLive: (String) -> Boolean? = { null },
    private val heartbeatTimeoutSeconds: Long = CellClaims.HEARTBEAT_TIMEOUT_SECONDS,
) {
    fun isAlive(owner: ClaimOwner, heartbeat: Instant): Boolean {
        owner.slurmJob?.let { return slurmTaskLive(it) ?: true }
        if (owner.host != RunEnvironment.host) return heartbeat.isAfter(Instant.now().minusSeconds(heartbeatTimeoutSeconds))
        val process = ProcessHandle.of(owner.pid).orElse(null) ?: return false
        val started = process.info().startInstant().map { it.toString() }.orElse(null)
        return process.isAlive && (owner.processStartedAt == null || started == null || started == owner.processStartedAt)
    }
}

/**
 * Atomic claims on cell directories, so that two runners (local or Slurm, on one host or several sharing the run
 * folder) never train the same cell twice. A claim is `<cell>/claim.json`, naming its [ClaimOwner]. Every read and
 * change of it happens under an OS file lock on `<cell>/claim.lock`: the lock is released by the kernel when its
 * holder dies, and is held only for the few milliseconds of a check, so a crash can never leave a cell locked.
 * A claim whose owner is dead ([OwnerLiveness]) is taken over; [onDeadOwner] is told first, so that the end of a
 * Slurm task can be recorded before the cell is run again.
 */
class CellClaims(
    private val liveness: OwnerLiveness = OwnerLiveness(),
    private val onDeadOwner: (cellDir: Path, claim: CellClaim) -> Unit = { _, _ -> },
) {
    /** The result of [tryClaim]: ours now, or held by a live [holder]. */
    sealed interface Attempt {
        data object Claimed : Attempt

        data class Held(val holder: CellClaim) : Attempt
    }

    /** Claims [cellDir] for [owner] unless a live owner holds it (a claim already ours is kept). */
    fun tryClaim(cellDir: Path, owner: ClaimOwner = ClaimOwner.thisProcess()): Attempt = locked(cellDir) {
        val current = read(cellDir)
        if (current != null && current.owner != owner) {
            if (liveness.isAlive(current.owner, heartbeat(cellDir))) return@locked Attempt.Held(current)
            onDeadOwner(cellDir, current)
        }
        write(cellDir, CellClaim(owner, Instant.now().toString()))
        Attempt.Claimed
    }

    /** Hands a claim held by [from] to [to] (a runner passing its cells to their Slurm tasks); false if not held. */
    fun transfer(cellDir: Path, from: ClaimOwner, to: ClaimOwner): Boolean = locked(cellDir) {
        if (read(cellDir)?.owner != from) return@locked false
        write(cellDir, CellClaim(to, Instant.now().toString()))
        true
    }

    /** Drops the claim if [owner] holds it; a claim that changed hands is left alone. */
    fun release(cellDir: Path, owner: ClaimOwner = ClaimOwner.thisProcess()) {
        if (!Files.isDirectory(cellDir)) return
        locked(cellDir) { if (read(cellDir)?.owner == owner) Files.deleteIfExists(cellDir.resolve(CLAIM_FILE)) }
    }

    /**
     * Clears the claim on [cellDir] if its owner is dead, telling [onDeadOwner] first; true when the cell is free now,
     * false while a live owner holds it.
     */
    fun settle(cellDir: Path): Boolean = locked(cellDir) {
        val current = read(cellDir) ?: return@locked true
        if (liveness.isAlive(current.owner, heartbeat(cellDir))) return@locked false
        onDeadOwner(cellDir, current)
        Files.deleteIfExists(cellDir.resolve(CLAIM_FILE))
        true
    }

    /** The live claim on [cellDir], or null when it is free or its owner is dead (nothing is changed). */
    fun liveHolder(cellDir: Path): CellClaim? = locked(cellDir) {
        read(cellDir)?.takeIf { liveness.isAlive(it.owner, heartbeat(cellDir)) }
    }

    /** Refreshes the heartbeat of [cellDir]'s claim if [owner] holds it, for owners on other hosts to see. */
    fun heartbeat(cellDir: Path, owner: ClaimOwner) = locked(cellDir) {
        if (read(cellDir)?.owner == owner) Files.setLastModifiedTime(cellDir.resolve(CLAIM_FILE), FileTime.from(Instant.now()))
    }

    private fun read(cellDir: Path): CellClaim? {
        val file = cellDir.resolve(CLAIM_FILE)
        if (!Files.isRegularFile(file)) return null
        // An unreadable claim (a disk that filled mid-write) has no owner to wait for: it is free.
        return runCatching { RecordJson.json.decodeFromString(CellClaim.serializer(), Files.readString(file)) }.getOrNull()
    }

    private fun write(cellDir: Path, claim: CellClaim) =
        AtomicFiles.writeText(cellDir.resolve(CLAIM_FILE), RecordJson.json.encodeToString(CellClaim.serializer(), claim))

    private fun heartbeat(cellDir: Path): Instant =
        runCatching { Files.getLastModifiedTime(cellDir.resolve(CLAIM_FILE)).toInstant() }.getOrDefault(Instant.EPOCH)

    /**
     * Runs [block] holding `claim.lock`. The OS lock excludes other processes; within this JVM, where a second
     * lock on the same file would throw, the monitor excludes other threads.
     */
    private fun <T> locked(cellDir: Path, block: () -> T): T = synchronized(JVM_LOCK) {
        Files.createDirectories(cellDir)
        FileChannel.open(cellDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE).use { channel ->
            channel.lock().use { block() }
        }
    }

    companion object {
        const val CLAIM_FILE = "claim.json"
        const val LOCK_FILE = "claim.lock"

        /** A claim from another host whose heartbeat is older than this is dead; owners refresh it 6× as often. */
        const val HEARTBEAT_TIMEOUT_SECONDS = 120L
        const val HEARTBEAT_SECONDS = HEARTBEAT_TIMEOUT_SECONDS / 6
        private val JVM_LOCK = Any()
    }
}
