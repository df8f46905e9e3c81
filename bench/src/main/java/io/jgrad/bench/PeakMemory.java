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
 * {@code VmHWM} in {@code /proc/self/status}.
 */
final class PeakMemory {
    private PeakMemory() {
    }

    /** Runs the child and returns its peak RSS in MB, or null where /proc is not available. */
    static Map<String, Object> run(int steps) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("config", "mnist/sgd");
        out.put("steps", steps);
        out.put("peak_rss_mb", child(steps));
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

    private static Double child(int steps) {
        if (highWaterKb() < 0) {
            return null;
        }
        return Long.parseLong(ChildJvm.run(List.of("--peak-child=" + steps))) / 1024.0;
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
