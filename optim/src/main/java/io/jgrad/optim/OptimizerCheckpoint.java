package io.jgrad.optim;

import io.jgrad.core.io.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Reads and writes an {@link OptimizerState} as a file, so training can stop and resume:
 * {@code OptimizerCheckpoint.save(opt.stateDict(), path)}, later
 * {@code opt.loadStateDict(OptimizerCheckpoint.load(path))}.
 *
 * <p>Format (big-endian, as {@link DataOutputStream} writes it; strings in modified UTF-8):
 * <pre>
 * magic     4 bytes  "JGOP"
 * version   int      1
 * length    long     number of payload bytes
 * payload:
 *   optimizer name                         UTF
 *   hyper-parameter count H, H × (name UTF, value double)
 *   group count G, G × (lr, initialLr, weightDecay doubles, size int)
 *   parameter count P, P × (step long, array count A, A × (name UTF, length int, length doubles))
 * crc32     int      CRC-32 of every byte before it (header and payload)
 * </pre>
 * A save writes a temporary file beside the target, forces it to disk and moves it over the target
 * atomically, so a crash never leaves a half-written checkpoint in place of a good one. A load
 * reads and checks the whole file — magic, version, length, checksum, structure — before returning
 * anything, so a truncated, corrupted or unknown file fails with a message saying which, and the
 * optimizer it was meant for stays as it was.
 */
public final class OptimizerCheckpoint {
    /** The first four bytes of every optimizer checkpoint: "JGOP". */
    public static final int MAGIC = 0x4A474F50;
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private static final int HEADER_BYTES = 16;
    private static final int CRC_BYTES = 4;

    private OptimizerCheckpoint() {
    }

    /** Writes {@code state} to {@code file} atomically, replacing any file there. */
    public static void save(OptimizerState state, Path file) throws IOException {
        Objects.requireNonNull(state, "OptimizerCheckpoint.save: state is null");
        Objects.requireNonNull(file, "OptimizerCheckpoint.save: file is null");
        AtomicFile.write(file, encode(state));
    }

    /**
     * Reads a checkpoint written by {@link #save}. A file that is not a valid checkpoint of a known
     * version is an {@link IOException} naming the file and the problem (as for a damaged model file
     * in {@code nn}): the path was a fine argument, its contents are what is wrong.
     */
    public static OptimizerState load(Path file) throws IOException {
        Objects.requireNonNull(file, "OptimizerCheckpoint.load: file is null");
        byte[] bytes = Files.readAllBytes(file);
        try {
            return decode(bytes, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The checkpoint bytes of {@code state}: what {@link #save} writes. */
    public static byte[] encode(OptimizerState state) {
        Objects.requireNonNull(state, "OptimizerCheckpoint.encode: state is null");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(0); // the payload length, filled in below
            writePayload(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException("OptimizerCheckpoint: writing to memory failed", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(bytes.size() + CRC_BYTES);
        buf.put(bytes.toByteArray());
        buf.putLong(8, bytes.size() - HEADER_BYTES);
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, bytes.size());
        buf.putInt(bytes.size(), (int) crc.getValue());
        return buf.array();
    }

    /**
     * The state held in checkpoint bytes; {@code source} names them in error messages (e.g. the
     * file name). Bytes that are not a valid checkpoint are an {@link IllegalArgumentException}.
     */
    public static OptimizerState decode(byte[] bytes, String source) {
        Objects.requireNonNull(bytes, "OptimizerCheckpoint.decode: bytes is null");
        Objects.requireNonNull(source, "OptimizerCheckpoint.decode: source is null");
        String where = "OptimizerCheckpoint.load: " + source + " ";
        if (bytes.length < HEADER_BYTES + CRC_BYTES) {
            throw new IllegalArgumentException(where + "is truncated: " + bytes.length
                    + " bytes, fewer than the " + (HEADER_BYTES + CRC_BYTES) + " of an empty checkpoint");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.getInt(0) != MAGIC) {
            throw new IllegalArgumentException(where + "is not an optimizer checkpoint (it does not start with \"JGOP\")");
        }
        int version = buf.getInt(4);
        if (version != VERSION) {
            throw new IllegalArgumentException(where + "has format version " + version + "; this jgrad reads version "
                    + VERSION + " only");
        }
        long length = buf.getLong(8);
        long expected = (long) bytes.length - HEADER_BYTES - CRC_BYTES;
        if (length != expected) {
            throw new IllegalArgumentException(where + (length > expected ? "is truncated" : "is corrupted")
                    + ": its header announces " + length + " payload bytes but it holds " + expected);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        if ((int) crc.getValue() != buf.getInt(bytes.length - CRC_BYTES)) {
            throw new IllegalArgumentException(where + "is corrupted: its CRC-32 checksum does not match its contents");
        }
        try (DataInputStream in = new DataInputStream(
                new ByteArrayInputStream(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES - CRC_BYTES))) {
            OptimizerState state = readPayload(in);
            if (in.available() != 0) {
                throw new IOException(in.available() + " bytes follow the optimizer state");
            }
            return state;
        } catch (EOFException e) {
            throw new IllegalArgumentException(where + "is corrupted: its contents end before the optimizer state does", e);
        } catch (IOException | IllegalArgumentException e) {
            // Reached only by a file whose checksum matches contents this class did not write.
            throw new IllegalArgumentException(where + "is corrupted: " + e.getMessage(), e);
        }
    }

    private static void writePayload(OptimizerState state, DataOutputStream out) throws IOException {
        out.writeUTF(state.optimizer());
        out.writeInt(state.hyperParameters().size());
        for (Map.Entry<String, Double> e : state.hyperParameters().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
        out.writeInt(state.groups().size());
        for (OptimizerState.Group g : state.groups()) {
            out.writeDouble(g.lr());
            out.writeDouble(g.initialLr());
            out.writeDouble(g.weightDecay());
            out.writeInt(g.size());
        }
        out.writeInt(state.params().size());
        for (OptimizerState.Param p : state.params()) {
            out.writeLong(p.step());
            out.writeInt(p.buffersView().size());
            for (Map.Entry<String, double[]> e : p.buffersView().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (double v : e.getValue()) {
                    out.writeDouble(v);
                }
            }
        }
    }

    private static OptimizerState readPayload(DataInputStream in) throws IOException {
        String optimizer = in.readUTF();
        int hyperCount = count(in, "hyper-parameter", 10);
        Map<String, Double> hyper = new LinkedHashMap<>();
        for (int i = 0; i < hyperCount; i++) {
            hyper.put(in.readUTF(), in.readDouble());
        }
        int groupCount = count(in, "group", 28);
        List<OptimizerState.Group> groups = new ArrayList<>(groupCount);
        for (int i = 0; i < groupCount; i++) {
            groups.add(new OptimizerState.Group(in.readDouble(), in.readDouble(), in.readDouble(), in.readInt()));
        }
        int paramCount = count(in, "parameter", 12);
        List<OptimizerState.Param> params = new ArrayList<>(paramCount);
        for (int i = 0; i < paramCount; i++) {
            long step = in.readLong();
            int arrays = count(in, "state array", 6);
            Map<String, double[]> buffers = new LinkedHashMap<>();
            for (int k = 0; k < arrays; k++) {
                String name = in.readUTF();
                double[] values = new double[count(in, "value", Double.BYTES)];
                for (int j = 0; j < values.length; j++) {
                    values[j] = in.readDouble();
                }
                buffers.put(name, values);
            }
            params.add(new OptimizerState.Param(step, buffers));
        }
        return new OptimizerState(optimizer, hyper, groups, params);
    }

    /** A count read from the stream, checked against the bytes left so a corrupt count cannot allocate wildly. */
    private static int count(DataInputStream in, String what, int minBytesEach) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * minBytesEach > in.available()) {
            throw new IOException("it announces " + n + " " + what + " entries, more than its remaining "
                    + in.available() + " bytes can hold");
        }
        return n;
    }
}
