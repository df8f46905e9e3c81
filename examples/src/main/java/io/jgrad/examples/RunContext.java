package io.jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Everything a {@link Command} runs with: where to write files, the seed, where to print, and
 * whether to keep the run short.
 *
 * @param outDir folder for the files a command writes (charts, graphs); created on first use
 * @param seed   seed of every random number the command draws, so runs are reproducible
 * @param out    where the command prints what a person reads
 * @param quick  a small budget (tests): fewer epochs or examples, same claims
 */
public record RunContext(Path outDir, long seed, PrintStream out, boolean quick) {
    /** The output folder used when {@code --out} is not given, relative to the working directory. */
    public static final Path DEFAULT_OUT = Path.of("jgrad-output");
    /** The seed used when {@code --seed} is not given. */
    public static final long DEFAULT_SEED = 42;

    public RunContext {
        if (outDir == null || out == null) {
            throw new IllegalArgumentException("RunContext: outDir and out are required (got outDir = " + outDir
                    + ", out = " + out + ")");
        }
    }

    /** A fresh generator seeded with {@link #seed()}: two calls give the same sequence. */
    public RandomGenerator rng() {
        return new MersenneTwister(seed);
    }

    /**
     * The path of a file named {@code name} in the output folder, creating the folder (and any
     * sub-folder in {@code name}) first.
     */
    public Path file(String name) {
        Path f = outDir.resolve(name);
        try {
            Files.createDirectories(f.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("RunContext.file: cannot create the folder for " + f
                    + "; pass a writable folder with --out DIR", e);
        }
        return f;
    }

    /** Prints a formatted line (Locale.ROOT, so decimals always use a point). */
    public void printf(String format, Object... args) {
        out.print(String.format(Locale.ROOT, format, args));
    }

    /** Prints a line. */
    public void println(String line) {
        out.println(line);
    }

    /** Prints a blank line and an underlined heading, to separate the parts of a command's output. */
    public void heading(String title) {
        out.println();
        out.println(title);
        out.println("-".repeat(title.length()));
    }

    /** A progress bar over {@code total} steps printing to {@link #out()}; close it when done. */
    public Progress progress(String task, long total) {
        return Progress.start(out, task, total);
    }
}
