package org.ebmworkbench.engine.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Saves and loads {@link Parameters} as DJL's named NDList encoding. Saving is atomic (temp file + rename), so a
 * crash never leaves half a checkpoint.
 */
public final class Checkpoints {
    private Checkpoints() {}

    public static void save(Path file, Parameters params) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile (mode 0600): the checkpoint gets the user's umask like every other record.
        Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            // A FileOutputStream, not an NIO channel, so that an interrupt does not abort the write.
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(params.toNDList().encode());
                out.getFD().sync();
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Loads the tensors into {@code manager} (and so onto its device). */
    public static Parameters load(Path file, NDManager manager) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no checkpoint at " + file);
        }
        return Parameters.fromNDList(NDList.decode(manager, Files.readAllBytes(file)));
    }
}
