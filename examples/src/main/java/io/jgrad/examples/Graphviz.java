package io.jgrad.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes Graphviz DOT text (from {@link io.jgrad.core.GraphDot}) to a file and, when the {@code dot}
 * program is on the PATH, renders it to SVG beside it. Without {@code dot} the SVG is skipped and
 * the command says how to render it later.
 */
final class Graphviz {
    private static final long RENDER_TIMEOUT_SECONDS = 30;

    private Graphviz() {
    }

    /**
     * Writes {@code dot} to {@code <name>.dot} in the output folder and, if possible, {@code <name>.svg};
     * returns the files written (the DOT file first).
     */
    static List<Path> write(RunContext ctx, String name, String dot) throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        Path dotFile = ctx.file(name + ".dot");
        Files.writeString(dotFile, dot, StandardCharsets.UTF_8);
        files.add(dotFile);
        Optional<Path> program = findOnPath("dot");
        if (program.isEmpty()) {
            ctx.println("Graphviz 'dot' is not on the PATH: wrote " + dotFile.getFileName() + " only (render it with"
                    + " 'dot -Tsvg " + dotFile.getFileName() + " -o " + name + ".svg' after installing graphviz).");
            return files;
        }
        Path svg = ctx.file(name + ".svg");
        Process p = new ProcessBuilder(program.get().toString(), "-Tsvg", dotFile.toString(), "-o", svg.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            ctx.println("Graphviz 'dot' took over " + RENDER_TIMEOUT_SECONDS + " s; skipped " + svg.getFileName());
        } else if (p.exitValue() != 0 || !Files.isRegularFile(svg)) {
            ctx.println("Graphviz 'dot' failed (exit " + p.exitValue() + "); skipped " + svg.getFileName());
        } else {
            files.add(svg);
            ctx.println("Wrote " + dotFile.getFileName() + " and rendered it to " + svg.getFileName() + " with Graphviz.");
        }
        return files;
    }

    /** The executable {@code program} in one of the PATH's folders. */
    static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
