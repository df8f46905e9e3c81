package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Helpers for the examples' tests: a quick run into a folder, and checks on the files written. */
final class TestSupport {
    private TestSupport() {
    }

    /** A command's result and everything it printed. */
    record Run(Result result, String output) {
    }

    /** Runs {@code command} in quick mode with seed 42 into {@code dir}, capturing its output. */
    static Run quickRun(Command command, Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Result result = command.run(new RunContext(dir, RunContext.DEFAULT_SEED, out, true));
            return new Run(result, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** Asserts {@code file} exists and decodes as an image of a plausible size; returns it. */
    static BufferedImage assertImage(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), () -> file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, () -> file + " does not decode as an image");
        assertTrue(image.getWidth() >= 64 && image.getHeight() >= 64,
                () -> file + " is only " + image.getWidth() + "x" + image.getHeight());
        return image;
    }
}
