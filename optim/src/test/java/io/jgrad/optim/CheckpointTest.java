package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer checkpoint file: round trip, atomic replacement, and rejection of truncated,
 * corrupted, foreign and future-version files with a clear message, the optimizer untouched.
 */
class CheckpointTest {
    @TempDir
    Path dir;

    private Problem problem;
    private List<Tensor> params;
    private Optimizer opt;
    private Path file;

    @BeforeEach
    void trainAndSave() throws IOException {
        problem = Problem.shared();
        params = problem.freshParams();
        opt = Config.all().stream().filter(c -> c.name().equals("adam_l2_amsgrad")).findFirst().orElseThrow()
                .build(params);
        problem.train(opt, params, 3);
        file = dir.resolve("adam.jgop");
        OptimizerCheckpoint.save(opt.stateDict(), file);
    }

    @Test
    void roundTripGivesTheSameStateAndTheSameBytes() throws IOException {
        assertEquals(opt.stateDict(), OptimizerCheckpoint.load(file));
        assertArrayEquals(OptimizerCheckpoint.encode(opt.stateDict()), Files.readAllBytes(file));
        byte[] header = Arrays.copyOf(Files.readAllBytes(file), 8);
        assertArrayEquals(new byte[] {'J', 'G', 'O', 'P', 0, 0, 0, 1}, header);
    }

    @Test
    void saveReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        problem.train(opt, params, 1);
        OptimizerCheckpoint.save(opt.stateDict(), file);
        assertEquals(opt.stateDict(), OptimizerCheckpoint.load(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aTruncatedFileIsRejected() throws IOException {
        byte[] good = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(good, good.length / 2));
        assertEquals("OptimizerCheckpoint.load: " + file + " is truncated: its header announces " + (good.length - 20)
                + " payload bytes but it holds " + (good.length / 2 - 20), assertRejected(file));
    }

    @Test
    void aFlippedBitIsRejected() throws IOException {
        byte[] bad = Files.readAllBytes(file);
        bad[bad.length / 2] ^= 0x01;
        Files.write(file, bad);
        assertEquals("OptimizerCheckpoint.load: " + file + " is corrupted: its CRC-32 checksum does not match its contents",
                assertRejected(file));
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        byte[] good = Files.readAllBytes(file);
        for (int length = 0; length < good.length; length++) {
            String message = assertRejected(Arrays.copyOf(good, length));
            assertTrue(message.contains(" is truncated"), length + " bytes: " + message);
        }
    }

    @Test
    void everyFlippedByteIsRejected() throws IOException {
        byte[] good = Files.readAllBytes(file);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            String message = assertRejected(bad);
            String expected = i < 4 ? "is not an optimizer checkpoint (it does not start with \"JGOP\")"
                    : i < 8 ? "has format version"
                    : i < 16 ? "its header announces"
                    : "is corrupted: its CRC-32 checksum does not match its contents";
            assertTrue(message.contains(expected), "byte " + i + ": " + message);
        }
    }

    @Test
    void anUnknownVersionIsNamed() throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        bytes.putInt(4, 2);
        Files.write(file, reseal(bytes.array()));
        assertEquals("OptimizerCheckpoint.load: " + file + " has format version 2; this jgrad reads version 1 only",
                assertRejected(file));
    }

    @Test
    void contentsWithAValidChecksumButABrokenStructureAreRejected() throws IOException {
        byte[] good = Files.readAllBytes(file);
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        assertTrue(assertRejected(writeResealed(longer)).endsWith("is corrupted: 3 bytes follow the optimizer state"));
        byte[] hugeCount = good.clone();
        int nameLength = ByteBuffer.wrap(good).getShort(16);
        ByteBuffer.wrap(hugeCount).putInt(18 + nameLength, Integer.MAX_VALUE);
        assertTrue(assertRejected(writeResealed(hugeCount)).contains("is corrupted: it announces 2147483647"
                + " hyper-parameter entries, more than its remaining"));
    }

    @Test
    void aMissingFileIsAnIOException() {
        assertThrows(NoSuchFileException.class, () -> OptimizerCheckpoint.load(dir.resolve("none.jgop")));
    }

    @Test
    void aStateWrittenByHandRoundTrips() {
        OptimizerState state = new OptimizerState("SGD", Map.of("momentum", 0.5),
                List.of(new OptimizerState.Group(0.1, 0.2, 0.0, 1)),
                List.of(new OptimizerState.Param(7, Map.of("momentum_buffer", new double[] {1, -0.0, Double.MIN_VALUE}))));
        assertEquals(state, OptimizerCheckpoint.decode(OptimizerCheckpoint.encode(state), "memory"));
    }

    /** Loads the damaged file into {@code opt}; asserts it fails, naming the file, and changes nothing. */
    private String assertRejected(Path damaged) {
        OptimizerState before = opt.stateDict();
        IOException e = assertThrows(IOException.class, () -> opt.loadStateDict(OptimizerCheckpoint.load(damaged)));
        assertTrue(e.getMessage().startsWith("OptimizerCheckpoint.load: " + damaged + " "), e.getMessage());
        assertEquals(before, opt.stateDict());
        return e.getMessage();
    }

    /** The same for damaged bytes in memory (what load does after reading the file), to try many quickly. */
    private String assertRejected(byte[] damaged) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.loadStateDict(OptimizerCheckpoint.decode(damaged, "adam.jgop")));
        assertTrue(e.getMessage().startsWith("OptimizerCheckpoint.load: adam.jgop "), e.getMessage());
        return e.getMessage();
    }

    private Path writeResealed(byte[] bytes) throws IOException {
        Path out = dir.resolve("resealed.jgop");
        ByteBuffer.wrap(bytes).putLong(8, bytes.length - 20L);
        Files.write(out, reseal(bytes));
        return out;
    }

    /** The bytes with their last four replaced by the CRC-32 of the rest, as if written so. */
    private static byte[] reseal(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }
}
