package org.ebmworkbench.engine.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk cache of {@link LatticeIsing} samples: one file per parameter set, named by {@link LatticeIsing#cacheKey}
 * (side, σ, samples, burn-in, thinning, chains, seed) plus a format version. A file holds a magic number, the key
 * again, the row and column counts, one byte (0 or 1) per entry and the CRC-32 of those bytes. It is written to a
 * temporary file in the same folder and moved into place atomically, so readers (other cells, other processes) see
 * either no file or a whole one; concurrent writers of one key write the same bytes. A file that fails any check
 * (truncated, other key, other size, a byte that is not 0 or 1, wrong checksum) counts as missing and is regenerated.
 */
final class LatticeIsingCache {
    private static final long MAGIC = 0x45424d4953494e47L; // "EBMISING"
    private static final int VERSION = 1;

    private final Path dir;

    LatticeIsingCache(Path dir) {
        this.dir = dir;
    }

    Path file(LatticeIsing lattice) {
        return dir.resolve(lattice.cacheKey() + "-v" + VERSION + ".bin");
    }

    /** The cached samples, or null when there is no valid file for these parameters. */
    @Nullable
    Dataset read(LatticeIsing lattice) {
        Path file = file(lattice);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readLong() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(lattice.cacheKey())) {
                return null;
            }
            int rows = in.readInt();
            int columns = in.readInt();
            if (rows != lattice.samples() || columns != lattice.dim()) {
                return null;
            }
            byte[] bits = new byte[Math.multiplyExact(rows, columns)];
            in.readFully(bits);
            long checksum = in.readLong();
            if (in.read() != -1 || checksum != crc(bits)) {
                return null;
            }
            float[] values = new float[bits.length];
            for (int k = 0; k < bits.length; k++) {
                if (bits[k] != 0 && bits[k] != 1) {
                    return null;
                }
                values[k] = bits[k];
            }
            return Dataset.wrap(values, rows, columns);
        } catch (IOException | ArithmeticException e) {
            // Truncated (EOFException), unreadable or absurd sizes: treated as missing.
            return null;
        }
    }

    /** Writes {@code samples} for {@code lattice}, replacing any file of the same key atomically. */
    void write(LatticeIsing lattice, Dataset samples) {
        float[] values = samples.toArray();
        byte[] bits = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            bits[k] = (byte) (values[k] == 1f ? 1 : 0);
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, lattice.cacheKey(), ".tmp");
            try {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                    out.writeLong(MAGIC);
                    out.writeInt(VERSION);
                    out.writeUTF(lattice.cacheKey());
                    out.writeInt(samples.size());
                    out.writeInt(samples.dim());
                    out.write(bits);
                    out.writeLong(crc(bits));
                }
                Files.move(tmp, file(lattice), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("latticeIsing: cannot write the sample cache " + file(lattice), e);
        }
    }

    private static long crc(byte[] bits) {
        CRC32 crc = new CRC32();
        crc.update(bits);
        return crc.getValue();
    }
}
