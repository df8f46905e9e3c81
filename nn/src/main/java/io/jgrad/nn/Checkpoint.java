package io.jgrad.nn;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.io.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The file format of saved tensors by name (a model's {@link Layer#stateDict()}), and its reader
 * and writer.
 *
 * <p>Format version 1, every number big-endian:
 * <pre>
 *   8 bytes   magic "JGRADCKP" (ASCII)
 *   int32     format version (1)
 *   int32     entry count n
 *   n times:  int32 name length L, L bytes UTF-8 name,
 *             int32 rank r, r × int32 dimensions,
 *             (product of dimensions) × float64 values, row-major
 *   int32     CRC32 of every byte before it
 * </pre>
 * Entries keep the order of the map that was written. Writing goes to a temporary file in the same
 * directory, forced to disk, then moved over the target atomically (or, where the file system
 * cannot move atomically, replacing it), so a crash leaves either the old file or the new one.
 * Reading checks the magic, version, checksum, sizes and that nothing trails the entries before it
 * returns anything; every failure is an {@link IOException} naming the file and the problem.
 */
public final class Checkpoint {
    static final byte[] MAGIC = "JGRADCKP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** Sanity bounds, so a corrupted length field fails clearly instead of allocating gigabytes. */
    private static final int MAX_NAME_BYTES = 1 << 16;
    private static final int MAX_RANK = 32;

    private Checkpoint() {
    }

    /** Writes {@code tensors} to {@code file} atomically (see the class comment for the format). */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        Objects.requireNonNull(file, "Checkpoint.write: file is null");
        Objects.requireNonNull(tensors, "Checkpoint.write: tensors is null");
        AtomicFile.write(file, encode(tensors));
    }

    /** The tensors stored in {@code file}, in their stored order, as new leaf tensors. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Objects.requireNonNull(file, "Checkpoint.read: file is null");
        return decode(Files.readAllBytes(file), file);
    }

    static byte[] encode(Map<String, Tensor> tensors) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(tensors.size());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Objects.requireNonNull(e.getKey(), "Checkpoint.write: tensors has a null name");
                Objects.requireNonNull(e.getValue(), () -> "Checkpoint.write: tensors has null for \"" + e.getKey() + "\"");
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                if (name.length == 0 || name.length > MAX_NAME_BYTES) {
                    throw new IllegalArgumentException("Checkpoint.write: name \"" + e.getKey()
                            + "\" must have 1 to " + MAX_NAME_BYTES + " UTF-8 bytes");
                }
                out.writeInt(name.length);
                out.write(name);
                int[] dims = e.getValue().shape().dims();
                out.writeInt(dims.length);
                for (int d : dims) {
                    out.writeInt(d);
                }
                for (double v : e.getValue().data()) {
                    out.writeDouble(v);
                }
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("Checkpoint: writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Tensor> decode(byte[] bytes, Path file) throws IOException {
        int minimum = MAGIC.length + 4 + 4 + 4;
        if (bytes.length < minimum) {
            throw fail(file, "is " + bytes.length + " bytes long, shorter than the smallest checkpoint ("
                    + minimum + " bytes); it is truncated or not a checkpoint");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw fail(file, "does not start with \"JGRADCKP\"; it is not a jgrad checkpoint");
        }
        int version = buf.getInt();
        if (version != VERSION) {
            throw fail(file, "has format version " + version + ", but this reader knows only version " + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw fail(file, String.format("fails its checksum (stored CRC32 %08x, computed %08x); the file is"
                    + " corrupted or truncated", stored, (int) crc.getValue()));
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, buf.position(), bytes.length - 4 - buf.position());
        try {
            return Collections.unmodifiableMap(entries(body, file));
        } catch (BufferUnderflowException e) {
            throw fail(file, "ends in the middle of an entry; it is truncated");
        }
    }

    private static Map<String, Tensor> entries(ByteBuffer body, Path file) throws IOException {
        int count = body.getInt();
        if (count < 0) {
            throw fail(file, "declares " + count + " entries");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int nameLength = body.getInt();
            if (nameLength < 1 || nameLength > Math.min(MAX_NAME_BYTES, body.remaining())) {
                throw fail(file, "entry " + i + " declares a name of " + nameLength + " bytes");
            }
            byte[] nameBytes = new byte[nameLength];
            body.get(nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            int rank = body.getInt();
            if (rank < 0 || rank > MAX_RANK) {
                throw fail(file, "entry \"" + name + "\" declares rank " + rank);
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = body.getInt();
                size *= Math.max(dims[d], 0);
                if (dims[d] < 0 || size * Double.BYTES > body.remaining()) {
                    throw fail(file, "entry \"" + name + "\" declares dimensions that need more bytes than the file has"
                            + " (dimension " + d + " = " + dims[d] + ")");
                }
            }
            double[] values = new double[(int) size];
            body.asDoubleBuffer().get(values);
            body.position(body.position() + values.length * Double.BYTES);
            if (out.put(name, Tensor.of(values, Shape.of(dims))) != null) {
                throw fail(file, "holds the name \"" + name + "\" twice");
            }
        }
        if (body.hasRemaining()) {
            throw fail(file, "has " + body.remaining() + " unexpected bytes after its " + count + " entries");
        }
        return out;
    }

    private static IOException fail(Path file, String problem) {
        return new IOException("checkpoint " + file + " " + problem);
    }
}
