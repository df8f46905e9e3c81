package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return Main.run(args, out, err);
        }
    }

    @Test
    void helpListsEveryCommandWithItsSummary() {
        assertEquals(0, run("help"));
        String text = outBytes.toString(StandardCharsets.UTF_8);
        for (Command c : Main.COMMANDS) {
            assertTrue(text.contains(c.name()) && text.contains(c.summary()), () -> c.name() + " missing in\n" + text);
        }
        assertTrue(text.contains("--out DIR"), text);
    }

    @Test
    void commandNamesAreUniqueAndLowerCase() {
        Set<String> names = new HashSet<>();
        for (Command c : Main.COMMANDS) {
            assertTrue(names.add(c.name()), "duplicate command " + c.name());
            assertTrue(c.name().matches("[a-z][a-z0-9-]*"), c.name());
        }
    }

    @Test
    void aCommandRunsIntoTheGivenFolderAndListsItsFiles(@TempDir Path dir) {
        assertEquals(0, run("chain-rule", "--out", dir.toString(), "--quick", "--seed", "7"));
        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Files written to " + dir.toAbsolutePath().normalize()), text);
        assertTrue(Files.isRegularFile(dir.resolve("chain-rule.png")), text);
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("no-such-command"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("Unknown command 'no-such-command'"));
    }

    @Test
    void badSeedIsAUsageErrorNamingTheValue() {
        assertEquals(2, run("help", "--seed", "seven"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("'seven'"));
    }

    @Test
    void missingOptionValueIsAUsageError() {
        assertEquals(2, run("help", "--out"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--out needs a value"));
    }
}
