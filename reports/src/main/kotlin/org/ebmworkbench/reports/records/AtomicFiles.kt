package org.ebmworkbench.reports.records

import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.StandardOpenOption

/**
 * Atomic file replacement: the bytes are written to a temporary file in the target's directory, forced to
 * disk, then renamed over the target with [StandardCopyOption.ATOMIC_MOVE]. A reader therefore sees either
 * the old content or the new content, never a partial file. Parent directories are created as needed.
 */
object AtomicFiles {
    fun writeText(path: Path, text: String) = writeBytes(path, text.toByteArray(Charsets.UTF_8))

    fun writeBytes(path: Path, bytes: ByteArray) {
        val target = path.toAbsolutePath()
        val dir = target.parent ?: error("no parent directory for $target")
        Files.createDirectories(dir)
        val temp = Files.createTempFile(dir, ".${target.fileName}.", ".tmp")
        try {
            FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING).use { channel ->
                val buffer = ByteBuffer.wrap(bytes)
                while (buffer.hasRemaining()) channel.write(buffer)
                channel.force(true)
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
        } catch (e: Throwable) {
            Files.deleteIfExists(temp)
            throw e
        }
    }
}
