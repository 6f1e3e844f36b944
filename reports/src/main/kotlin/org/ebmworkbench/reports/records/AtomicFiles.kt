package org.ebmworkbench.reports.records

import java.io.FileOutputStream
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.UUID

/**
 * Atomic file replacement: the bytes are written to a temporary file in the target's directory, forced to
 * disk, then renamed over the target with [StandardCopyOption.ATOMIC_MOVE]. A reader therefore sees either
 * the old content or the new content, never a partial file. Parent directories are created as needed.
 *
 * The temporary file is created the way any program creates a file, so the result has the user's umask (0644 by
 * default, readable by the group on a shared machine or cluster); `Files.createTempFile` would make it 0600. The
 * write goes through a [FileOutputStream], which an interrupt does not abort, unlike an NIO channel: the end of an
 * interrupted cell must still be recorded, and the interrupt stays set for the caller.
 */
object AtomicFiles {
    fun writeText(path: Path, text: String) = writeBytes(path, text.toByteArray(Charsets.UTF_8))

    fun writeBytes(path: Path, bytes: ByteArray) {
        val target = path.toAbsolutePath()
        val dir = target.parent ?: error("no parent directory for $target")
        Files.createDirectories(dir)
        val temp = dir.resolve(".${target.fileName}.${UUID.randomUUID()}.tmp")
        try {
            FileOutputStream(temp.toFile()).use { out ->
                out.write(bytes)
                out.fd.sync()
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
        } catch (e: Throwable) {
            Files.deleteIfExists(temp)
            throw e
        }
    }
}
