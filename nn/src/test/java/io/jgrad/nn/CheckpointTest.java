package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save/load: bit-identical round trips, and every damaged or mismatched file rejected untouched. */
class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        MersenneTwister rng = new MersenneTwister(seed);
        return new Sequential(new Dense(3, 4, rng), new Tanh(), new Dense(4, 2, rng));
    }

    private static final Tensor X = Tensor.randn(new MersenneTwister(9), 6, 3);

    @Test
    void roundTripGivesBitIdenticalOutputs() throws IOException {
        Sequential saved = model(1), loaded = model(2);
        Path file = dir.resolve("model.jgrad");
        saved.save(file);
        loaded.load(file);
        assertBitIdentical(saved.forward(X), loaded.forward(X));
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("JGRADCKP", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(1, ByteBuffer.wrap(bytes, 8, 4).getInt(), "format version");
        assertEquals(4, ByteBuffer.wrap(bytes, 12, 4).getInt(), "entry count");
        // Header 16, per entry 4 + name + 4 + 4·rank + 8·size, CRC 4.
        int expected = 16 + (4 + 8 + 4 + 8 + 8 * 12) + (4 + 6 + 4 + 4 + 8 * 4) + (4 + 8 + 4 + 8 + 8 * 8)
                + (4 + 6 + 4 + 4 + 8 * 2) + 4;
        assertEquals(expected, bytes.length);
    }

    @Test
    void specialValuesAndScalarsSurvive() throws IOException {
        Path file = dir.resolve("values.bin");
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
        tensors.put("s", Tensor.scalar(-0.0));
        tensors.put("v", Tensor.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e308}));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("ünïcode", Tensor.ones(2, 1, 2));
        Checkpoint.write(file, tensors);
        Map<String, Tensor> back = Checkpoint.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.keySet()));
        for (String name : tensors.keySet()) {
            assertEquals(tensors.get(name).shape(), back.get(name).shape());
            assertBitIdentical(tensors.get(name), back.get(name));
        }
    }

    @Test
    void everyTruncationIsRejectedAndLeavesTheModelUnchanged() throws IOException {
        Path good = dir.resolve("good.jgrad");
        model(1).save(good);
        byte[] bytes = Files.readAllBytes(good);
        Sequential target = model(2);
        Map<String, Tensor> before = target.stateDict();
        for (int length = 0; length < bytes.length; length++) {
            Path bad = dir.resolve("truncated-" + length + ".jgrad");
            Files.write(bad, java.util.Arrays.copyOf(bytes, length));
            IOException e = assertThrows(IOException.class, () -> target.load(bad), "length " + length);
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
            assertUnchanged(before, target);
        }
    }

    @Test
    void everyFlippedByteIsRejectedAndLeavesTheModelUnchanged() throws IOException {
        Path good = dir.resolve("good.jgrad");
        model(1).save(good);
        byte[] bytes = Files.readAllBytes(good);
        Sequential target = model(2);
        Map<String, Tensor> before = target.stateDict();
        Path bad = dir.resolve("flipped.jgrad");
        for (int i = 0; i < bytes.length; i++) {
            byte[] copy = bytes.clone();
            copy[i] ^= (byte) (1 << (i % 8));
            Files.write(bad, copy);
            int position = i;
            IOException e = assertThrows(IOException.class, () -> target.load(bad), () -> "byte " + position);
            assertTrue(e.getMessage().contains("flipped.jgrad"), e.getMessage());
            assertUnchanged(before, target);
        }
        Files.write(bad, flip(bytes, 40));
        IOException e = assertThrows(IOException.class, () -> target.load(bad));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    private static byte[] flip(byte[] bytes, int i) {
        byte[] copy = bytes.clone();
        copy[i] ^= 1;
        return copy;
    }

    @Test
    void mismatchedModelsAreRejectedNamingFileAndParameter() throws IOException {
        Path wider = dir.resolve("wider.jgrad");
        new Sequential(new Dense(3, 5), new Tanh(), new Dense(5, 2)).save(wider);
        Path shorter = dir.resolve("shorter.jgrad");
        new Sequential(new Dense(3, 4)).save(shorter);
        Sequential target = model(2);
        Map<String, Tensor> before = target.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.load(wider));
        assertTrue(e.getMessage().contains("wider.jgrad") && e.getMessage().contains("\"0.weight\" has shape [3, 5]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> target.load(shorter));
        assertTrue(e.getMessage().contains("shorter.jgrad") && e.getMessage().contains("missing parameter \"2.weight\""),
                e.getMessage());
        assertUnchanged(before, target);
    }

    @Test
    void unknownVersionDuplicateNamesAndTrailingBytesAreNamed() {
        byte[] good = Checkpoint.encode(model(1).stateDict());
        byte[] version2 = good.clone();
        ByteBuffer.wrap(version2).putInt(8, 2);
        assertDecodeFails(withCrc(version2), "format version 2");
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 3);
        System.arraycopy(good, good.length - 4, trailing, trailing.length - 4, 4);
        assertDecodeFails(withCrc(trailing), "3 unexpected bytes");
        byte[] notOurs = good.clone();
        notOurs[0] = 'X';
        assertDecodeFails(notOurs, "not a jgrad checkpoint");
        Map<String, Tensor> one = Map.of("w", Tensor.ones(2));
        byte[] single = Checkpoint.encode(one);
        // Same entry twice: count 2, entry bytes repeated, CRC recomputed.
        int entryLength = single.length - 16 - 4;
        byte[] twice = new byte[single.length + entryLength];
        System.arraycopy(single, 0, twice, 0, single.length - 4);
        System.arraycopy(single, 16, twice, single.length - 4, entryLength);
        ByteBuffer.wrap(twice).putInt(12, 2);
        assertDecodeFails(withCrc(twice), "holds the name \"w\" twice");
        byte[] huge = single.clone();
        ByteBuffer.wrap(huge).putInt(16 + 4 + 1 + 4, 1 << 30);
        assertDecodeFails(withCrc(huge), "need more bytes than the file has");
    }

    /** Rewrites the last four bytes as the CRC32 of the others, to reach the checks behind the checksum. */
    private static byte[] withCrc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    private static void assertDecodeFails(byte[] bytes, String part) {
        Path name = Path.of("crafted.jgrad");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.decode(bytes, name));
        assertTrue(e.getMessage().contains(part) && e.getMessage().contains("crafted.jgrad"), e.getMessage());
    }

    @Test
    void savingReplacesTheOldFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("sub").resolve("model.jgrad");
        model(1).save(file);
        Sequential second = model(2);
        second.save(file);
        Sequential loaded = model(3);
        loaded.load(file);
        assertBitIdentical(second.forward(X), loaded.forward(X));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedSaveKeepsTheOldFileAndCleansUp() throws IOException {
        Path file = dir.resolve("model.jgrad");
        Sequential original = model(1);
        original.save(file);
        byte[] before = Files.readAllBytes(file);
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.write(file, Map.of("", Tensor.ones(1))));
        assertArrayEquals(before, Files.readAllBytes(file));
        // The move itself fails when the target is a non-empty directory: the temporary file goes away.
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("inside"));
        assertThrows(IOException.class, () -> original.save(blocked));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("blocked", "model.jgrad"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static void assertBitIdentical(Tensor expected, Tensor actual) {
        double[] e = expected.data(), a = actual.data();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]), "element " + i);
        }
    }

    private static void assertUnchanged(Map<String, Tensor> before, Layer model) {
        Map<String, Tensor> now = model.namedParameters();
        for (Map.Entry<String, Tensor> e : before.entrySet()) {
            assertArrayEquals(e.getValue().data(), now.get(e.getKey()).data(), 0, e.getKey());
        }
    }
}
