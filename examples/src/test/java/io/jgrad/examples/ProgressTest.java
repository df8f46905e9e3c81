package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void withoutATerminalTheBarEndsOnAFullLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             Progress bar = Progress.start(out, "epochs", 3)) {
            bar.step();
            bar.step();
            bar.step("loss 0.125");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epochs 100%"), text);
        assertTrue(text.contains("3/3"), text);
        assertTrue(text.contains("loss 0.125"), text);
        assertTrue(!text.contains("\r"), "no carriage returns in a log: " + text);
    }
}
