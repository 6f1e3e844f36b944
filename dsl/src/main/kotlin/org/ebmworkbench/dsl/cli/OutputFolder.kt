package org.ebmworkbench.dsl.cli

import java.io.IOException
import java.nio.file.AccessDeniedException
import java.nio.file.FileAlreadyExistsException
import java.nio.file.FileSystemException
import java.nio.file.Files
import java.nio.file.NotDirectoryException
import java.nio.file.Path
import kotlin.io.path.isDirectory

/** The folder run records go to (`ebm run --out`), checked before anything runs. */
object OutputFolder {
    /**
     * Creates [dir] if needed and proves it writable by writing and deleting a probe file. Returns null when it is
     * usable, else one line naming the path and the cause (a file in the way, no permission, a full disk, …).
     */
    fun problem(dir: Path): String? {
        if (Files.exists(dir) && !dir.isDirectory()) return "$dir is a file, not a folder"
        return try {
            Files.createDirectories(dir)
            val probe = dir.resolve(".ebm-write-probe-${ProcessHandle.current().pid()}")
            Files.write(probe, ByteArray(PROBE_BYTES))
            Files.delete(probe)
            null
        } catch (e: IOException) {
            describe(e)
        }
    }

    /** One line for an I/O failure on a path: which path, and why in plain words. */
    fun describe(e: IOException): String = when (e) {
        is FileAlreadyExistsException, is NotDirectoryException -> "${e.file}: a file is in the way of a folder"
        is AccessDeniedException -> "${e.file}: not writable (permission denied)"
        is FileSystemException -> "${e.file}: ${e.reason ?: e.javaClass.simpleName}"
        else -> e.message ?: e.javaClass.simpleName
    }

    // Enough to fail on a full disk, where an empty file would still be created.
    private const val PROBE_BYTES = 4096
}
