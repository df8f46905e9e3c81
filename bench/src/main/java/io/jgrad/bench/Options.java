package io.jgrad.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The benchmark command's options, parsed from its arguments. */
public record Options(boolean json, boolean quick, boolean fork, boolean help, List<String> sections,
                      List<String> models, int[] sizes, int peakChildSteps) {

    static final List<String> ALL_SECTIONS = List.of("mlp", "matmul", "overhead", "adam", "memory");
    static final List<String> ALL_MODELS = List.of("tiny", "small", "mnist", "wide");
    static final int[] ALL_SIZES = {128, 256, 512, 1024, 2048};

    static final String USAGE = """
            usage: bench [--json] [--quick] [--fork | --no-fork] [--only=SECTION,...] [--models=NAME,...] [--sizes=N,...]
              --json            print one JSON object on stdout instead of a table (progress goes to stderr)
              --quick           a few repeats without warm-up, in one JVM: checks that everything runs, in seconds
              --no-fork         measure everything in this JVM (by default each model, each matrix size and
                                each other section runs in a fresh JVM with this JVM's flags)
              --fork            fresh JVMs even with --quick
              --only=...        sections to run: mlp, matmul, overhead, adam, memory (default: all)
              --models=...      MLP configs: tiny, small, mnist, wide (default: all)
              --sizes=...       square DGEMM sizes (default: 128,256,512,1024,2048)""";

    /** Parses the arguments; unknown ones are an IllegalArgumentException naming them. */
    public static Options parse(String... args) {
        boolean json = false, quick = false, help = false, noFork = false, fork = false;
        List<String> sections = ALL_SECTIONS, models = ALL_MODELS;
        int[] sizes = ALL_SIZES;
        int child = 0;
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--quick")) {
                quick = true;
            } else if (a.equals("--no-fork")) {
                noFork = true;
            } else if (a.equals("--fork")) {
                fork = true;
            } else if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.startsWith("--only=")) {
                sections = list(a, ALL_SECTIONS);
            } else if (a.startsWith("--models=")) {
                models = list(a, ALL_MODELS);
            } else if (a.startsWith("--sizes=")) {
                sizes = sizes(a);
            } else if (a.startsWith("--peak-child=")) {
                child = Integer.parseInt(value(a));
            } else {
                throw new IllegalArgumentException("bench: unknown option '" + a + "'");
            }
        }
        if (quick && sizes == ALL_SIZES) {
            sizes = new int[] {128, 256};
        }
        return new Options(json, quick, !noFork && (fork || !quick), help, sections, models, sizes, child);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static List<String> list(String arg, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String s : value(arg).split(",")) {
            if (!allowed.contains(s)) {
                throw new IllegalArgumentException("bench: '" + s + "' in " + arg + " is not one of " + allowed);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static int[] sizes(String arg) {
        try {
            int[] s = Arrays.stream(value(arg).split(",")).mapToInt(Integer::parseInt).toArray();
            for (int n : s) {
                if (n < 1 || n > 8192) {
                    throw new IllegalArgumentException("bench: size " + n + " in " + arg + " must be in 1..8192");
                }
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bench: " + arg + " must be a comma-separated list of integers", e);
        }
    }
}
