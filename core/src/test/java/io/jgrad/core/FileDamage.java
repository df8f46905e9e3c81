package io.jgrad.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random damage of a file's bytes, one kind at a time, for the checkpoint tests of nn and optim
 * (shared through core's test jar): flipped bits in up to eight bytes, a truncation, appended
 * garbage, a zeroed range, two bytes swapped. The result always differs from the input.
 */
public final class FileDamage {
    private FileDamage() {
    }

    /** Deletes a flat directory the damage tests made: its files, then the directory itself. */
    public static void deleteDirectory(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** A damaged copy of {@code good} (which must not be empty). */
    public static byte[] random(byte[] good, SplittableRandom r) {
        byte[] bad;
        do {
            bad = good.clone();
            switch (r.nextInt(5)) {
                case 0 -> {
                    for (int k = 1 + r.nextInt(8); k > 0; k--) {
                        bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                case 1 -> bad = Arrays.copyOf(good, r.nextInt(good.length));
                case 2 -> {
                    bad = Arrays.copyOf(good, good.length + 1 + r.nextInt(16));
                    for (int i = good.length; i < bad.length; i++) {
                        bad[i] = (byte) r.nextInt(256);
                    }
                }
                case 3 -> {
                    int from = r.nextInt(bad.length);
                    Arrays.fill(bad, from, Math.min(bad.length, from + 1 + r.nextInt(12)), (byte) 0);
                }
                default -> {
                    int i = r.nextInt(bad.length), j = r.nextInt(bad.length);
                    byte t = bad[i];
                    bad[i] = bad[j];
                    bad[j] = t;
                }
            }
        } while (Arrays.equals(bad, good));
        return bad;
    }
}
