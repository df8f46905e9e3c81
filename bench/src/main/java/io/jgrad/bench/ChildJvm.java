package io.jgrad.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark command in a fresh JVM with this JVM's flags and class path, so that each
 * measurement starts from a clean JIT profile and heap (the kernels are compiled for the shapes a
 * JVM sees first) and peak memory counts one workload only.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** Runs {@code Bench} with {@code args} in a child JVM and returns what it printed on stdout. */
    static String run(List<String> args) {
        return run(List.of(), args);
    }

    /** The same, with {@code jvmFlags} added after this JVM's own flags (so they take precedence). */
    static String run(List<String> jvmFlags, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Bench.class.getName());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalStateException("bench: the child JVM for " + args + " exited with " + code);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("bench: could not start a child JVM for " + args + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench: interrupted while waiting for the child JVM", e);
        }
    }
}
