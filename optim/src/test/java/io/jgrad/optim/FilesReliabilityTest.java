package io.jgrad.optim;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimizer checkpoints on disk beyond the codec's own tests: a reader never sees a half-written
 * file while another thread keeps replacing it, a failed load leaves training exactly where it
 * was (the continued run is bit-identical to one that never tried), random damage of every kind
 * is detected, and a well-sealed file with an infinite learning rate is refused.
 */
final class FilesReliabilityTest {
    /** Damaged files tried per run by the property, quoted in docs/RELIABILITY.md. */
    static final int DAMAGE_TRIES = 200;

    @TempDir
    Path dir;

    private static List<Tensor> params() {
        return List.of(Tensor.of(new double[] {0.5, -1, 2}).requiresGrad(true),
                Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true));
    }

    private static void steps(Optimizer opt, List<Tensor> params, int n) {
        for (int i = 0; i < n; i++) {
            opt.zeroGrad();
            params.get(0).mul(params.get(0)).sum().add(params.get(1).tanh().sum()).backward();
            opt.step();
        }
    }

    private static Optimizer adam(List<Tensor> params) {
        return Adam.builder(params).lr(0.05).amsgrad(true).build();
    }

    @Test
    void aReaderNeverSeesAHalfWrittenCheckpointWhileAnotherThreadReplacesIt() throws Exception {
        List<Tensor> p = params();
        Optimizer opt = adam(p);
        steps(opt, p, 1);
        OptimizerState a = opt.stateDict();
        steps(opt, p, 1);
        OptimizerState b = opt.stateDict();
        Path file = dir.resolve("live.jgop");
        OptimizerCheckpoint.save(a, file);
        AtomicBoolean writing = new AtomicBoolean(true);
        Callable<Integer> writer = () -> {
            try {
                for (int i = 0; i < 300; i++) {
                    OptimizerCheckpoint.save(i % 2 == 0 ? b : a, file);
                }
                return 300;
            } finally {
                writing.set(false);
            }
        };
        Callable<Integer> reader = () -> {
            int loads = 0;
            do {
                OptimizerState s = OptimizerCheckpoint.load(file);
                if (!s.equals(a) && !s.equals(b)) {
                    throw new AssertionError("load " + loads + " saw neither saved state");
                }
                loads++;
            } while (writing.get());
            return loads;
        };
        List<Integer> counts = Concurrently.run(List.of(writer, reader));
        assertTrue(counts.get(1) >= 1);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aFailedSaveLeavesWhatWasThereAndNoTemporaryFile() throws IOException {
        // The final rename cannot replace a non-empty directory: the save fails after writing its temporary file.
        Path blocked = dir.resolve("blocked.jgop");
        Files.createDirectories(blocked.resolve("inside"));
        Optimizer opt = adam(params());
        assertThrows(IOException.class, () -> OptimizerCheckpoint.save(opt.stateDict(), blocked));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(blocked), files.toList());
        }
        assertTrue(Files.isDirectory(blocked.resolve("inside")));
    }

    @Test
    void aFailedLoadLeavesTrainingExactlyWhereItWas() throws IOException {
        List<Tensor> tried = params(), untouched = params();
        Optimizer opt = adam(tried), twin = adam(untouched);
        steps(opt, tried, 3);
        steps(twin, untouched, 3);
        Path good = dir.resolve("good.jgop");
        Optimizer other = adam(params());
        steps(other, params(), 5);
        OptimizerCheckpoint.save(other.stateDict(), good);
        byte[] bytes = Files.readAllBytes(good);
        List<byte[]> damaged = new ArrayList<>();
        damaged.add(Arrays.copyOf(bytes, bytes.length - 1));
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        damaged.add(flipped);
        byte[] version = bytes.clone();
        ByteBuffer.wrap(version).putInt(4, 2);
        damaged.add(version);
        for (byte[] d : damaged) {
            Path bad = dir.resolve("bad.jgop");
            Files.write(bad, d);
            IOException e = assertThrows(IOException.class, () -> opt.loadStateDict(OptimizerCheckpoint.load(bad)));
            assertTrue(e.getMessage().startsWith("OptimizerCheckpoint.load: " + bad + " "), e.getMessage());
        }
        steps(opt, tried, 4);
        steps(twin, untouched, 4);
        for (int k = 0; k < tried.size(); k++) {
            assertArrayEquals(untouched.get(k).data(), tried.get(k).data(), 0.0, "parameter " + k);
        }
        assertEquals(twin.stateDict(), opt.stateDict());
    }

    @Property(tries = DAMAGE_TRIES)
    void everyKindOfRandomDamageIsDetected(@ForAll long seed) throws IOException {
        Path base = Files.createTempDirectory("jgrad-damage");
        try {
            List<Tensor> p = params();
            Optimizer opt = adam(p);
            steps(opt, p, 2);
            Path file = base.resolve("opt.jgop");
            OptimizerCheckpoint.save(opt.stateDict(), file);
            byte[] good = Files.readAllBytes(file);
            byte[] bad = FileDamage.random(good, new SplittableRandom(seed));
            Files.write(file, bad);
            OptimizerState before = opt.stateDict();
            IOException e = assertThrows(IOException.class, () -> opt.loadStateDict(OptimizerCheckpoint.load(file)),
                    () -> "damage not detected: " + Arrays.toString(bad));
            assertTrue(e.getMessage().startsWith("OptimizerCheckpoint.load: " + file + " "), e.getMessage());
            assertEquals(before, opt.stateDict());
        } finally {
            FileDamage.deleteDirectory(base);
        }
    }

    @Test
    void aWellSealedCheckpointWithAnInfiniteLearningRateIsRefused() throws IOException {
        List<Tensor> p = params();
        Optimizer opt = SGD.builder(p).lr(0.1).build();
        byte[] bytes = OptimizerCheckpoint.encode(opt.stateDict());
        // The first group's lr is the first double after the name, the hyper-parameters and the group count.
        OptimizerState state = opt.stateDict();
        int offset = 16 + 2 + state.optimizer().length() + 4;
        for (String name : state.hyperParameters().keySet()) {
            offset += 2 + name.length() + 8;
        }
        offset += 4;
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        assertEquals(0.1, buf.getDouble(offset), "found the lr field");
        buf.putDouble(offset, Double.POSITIVE_INFINITY);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        buf.putInt(bytes.length - 4, (int) crc.getValue());
        Path file = dir.resolve("infinite.jgop");
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> OptimizerCheckpoint.load(file));
        assertEquals("OptimizerCheckpoint.load: " + file + " is corrupted: OptimizerState.Group: lr Infinity,"
                + " initialLr 0.1, weightDecay 0.0 must be finite and >= 0, and size 2 must be >= 0", e.getMessage());
        assertEquals(0.1, opt.lr(0));
    }
}
