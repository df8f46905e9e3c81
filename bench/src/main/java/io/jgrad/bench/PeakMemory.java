package io.jgrad.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peak resident memory of training the mnist model with SGD for a number of steps, measured in a
 * fresh child JVM (so the other benchmarks do not count) from the kernel's high-water mark
 * {@code VmHWM} in {@code /proc/self/status}: once with this JVM's heap settings and once with
 * {@link #SMALL_HEAP}, because the JVM's default initial heap (1/64 of physical memory) rather than
 * the workload decides most of the first figure.
 */
final class PeakMemory {
    /** The heap settings of the second measurement. */
    static final List<String> SMALL_HEAP = List.of("-Xms32m", "-Xmx256m");

    private PeakMemory() {
    }

    /** Runs the child and returns its peak RSS in MB, or null where /proc is not available. */
    static Map<String, Object> run(int steps) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("config", "mnist/sgd");
        out.put("steps", steps);
        out.put("peak_rss_mb", child(List.of(), steps));
        out.put("peak_rss_mb_small_heap", child(SMALL_HEAP, steps));
        out.put("small_heap_flags", String.join(" ", SMALL_HEAP));
        return out;
    }

    /** In the child: trains and prints its own VmHWM in kB. */
    static void childMain(int steps) {
        MlpBench.Step step = new MlpBench.Step(MlpBench.config("mnist"), "sgd", 42);
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        System.out.println(highWaterKb());
    }

    private static Double child(List<String> jvmFlags, int steps) {
        if (highWaterKb() < 0) {
            return null;
        }
        return Long.parseLong(ChildJvm.run(jvmFlags, List.of("--peak-child=" + steps))) / 1024.0;
    }

    /** This process's VmHWM in kB, or -1 without /proc. */
    static long highWaterKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
