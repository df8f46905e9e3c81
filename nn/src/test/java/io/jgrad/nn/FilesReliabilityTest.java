package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Concurrently;
import io.jgrad.core.FileDamage;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model checkpoints on disk beyond CheckpointTest's single flips and truncations: a reader never
 * sees a half-written file while another thread keeps saving, random damage of every kind is
 * detected with the model left untouched, every unknown version is named, and the debris of a
 * crashed save neither breaks loading nor the next save.
 */
final class FilesReliabilityTest {
    /** Damaged files tried per run by the property, quoted in docs/RELIABILITY.md. */
    static final int DAMAGE_TRIES = 200;

    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        MersenneTwister rng = new MersenneTwister(seed);
        return new Sequential(new Dense(3, 4, rng), new Tanh(), new Dense(4, 2, rng));
    }

    private static boolean sameParameters(Map<String, Tensor> a, Map<String, Tensor> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String name : a.keySet()) {
            if (!Arrays.equals(a.get(name).data(), b.get(name).data())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aReaderNeverSeesAHalfWrittenModelWhileAnotherThreadKeepsSaving() throws Exception {
        Sequential a = model(1), b = model(2);
        Map<String, Tensor> stateA = a.stateDict(), stateB = b.stateDict();
        Path file = dir.resolve("live.jgrad");
        a.save(file);
        AtomicBoolean writing = new AtomicBoolean(true);
        Callable<Integer> writer = () -> {
            try {
                for (int i = 0; i < 300; i++) {
                    (i % 2 == 0 ? b : a).save(file);
                }
                return 300;
            } finally {
                writing.set(false);
            }
        };
        Callable<Integer> reader = () -> {
            Sequential target = model(3);
            int loads = 0;
            do {
                target.load(file);
                Map<String, Tensor> now = target.stateDict();
                if (!sameParameters(now, stateA) && !sameParameters(now, stateB)) {
                    throw new AssertionError("load " + loads + " saw neither saved model");
                }
                loads++;
            } while (writing.get());
            return loads;
        };
        assertTrue(Concurrently.run(List.of(writer, reader)).get(1) >= 1);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Property(tries = DAMAGE_TRIES)
    void everyKindOfRandomDamageIsDetectedAndTheModelIsUntouched(@ForAll long seed) throws IOException {
        Path base = Files.createTempDirectory("jgrad-damage");
        try {
            Path file = base.resolve("model.jgrad");
            model(1).save(file);
            byte[] bad = FileDamage.random(Files.readAllBytes(file), new SplittableRandom(seed));
            Files.write(file, bad);
            Sequential target = model(2);
            Map<String, Tensor> before = target.stateDict();
            IOException e = assertThrows(IOException.class, () -> target.load(file),
                    () -> "damage not detected: " + Arrays.toString(bad));
            assertTrue(e.getMessage().startsWith("checkpoint " + file + " "), e.getMessage());
            assertTrue(sameParameters(before, target.stateDict()), "the model changed");
        } finally {
            FileDamage.deleteDirectory(base);
        }
    }

    @Test
    void everyUnknownVersionIsNamedEvenWhenTheChecksumMatches() throws IOException {
        byte[] good = Checkpoint.encode(model(1).stateDict());
        Path file = dir.resolve("versioned.jgrad");
        for (int version : new int[] {0, -1, 2, Integer.MAX_VALUE}) {
            byte[] bytes = good.clone();
            ByteBuffer.wrap(bytes).putInt(8, version);
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 4);
            ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
            Files.write(file, bytes);
            IOException e = assertThrows(IOException.class, () -> model(2).load(file));
            assertEquals("checkpoint " + file + " has format version " + version + ", but this reader knows only"
                    + " version 1", e.getMessage());
        }
    }

    @Test
    void theDebrisOfACrashedSaveBreaksNeitherLoadingNorTheNextSave() throws IOException {
        Path file = dir.resolve("model.jgrad");
        Sequential saved = model(1);
        saved.save(file);
        byte[] half = Arrays.copyOf(Files.readAllBytes(file), 40);
        Path debris = dir.resolve(".model.jgrad.0c5e2a7e-crash.tmp");
        Files.write(debris, half);
        Sequential loaded = model(2);
        loaded.load(file);
        assertTrue(sameParameters(saved.stateDict(), loaded.stateDict()));
        Sequential next = model(3);
        next.save(file);
        loaded.load(file);
        assertTrue(sameParameters(next.stateDict(), loaded.stateDict()));
        assertArrayEquals(half, Files.readAllBytes(debris), "another save's file is not touched");
    }
}
