package io.jgrad.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Bench.class.getName());
        cmd.add("--peak-child=" + steps);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalStateException("bench: the peak-memory child JVM exited with " + code);
            }
            return Long.parseLong(text) / 1024.0;
        } catch (IOException e) {
            throw new IllegalStateException("bench: could not start the peak-memory child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench: interrupted while measuring peak memory", e);
        }
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
