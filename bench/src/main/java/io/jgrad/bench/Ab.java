package io.jgrad.bench;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Compares two builds of jgrad in one JVM: each build is loaded by its own class loader, and the
 * same workload runs on A and on B in alternating short windows, so both see the same state of a
 * shared machine. On these hosts one build's figure drifts by 1.5× between JVMs minutes apart,
 * while the ratio of neighbouring A and B windows stays within a few percent. Run through
 * {@code bench/ab.sh}, which builds the two revisions; usage:
 * {@code java -cp jgrad-bench.jar io.jgrad.bench.Ab A.jar B.jar TARGET...} (or a class path for A or B) with targets
 * {@code step:mnist/sgd} (a training step of the benchmark's models) or {@code gemm:784x256x128}
 * with optional {@code :ta}, {@code :tb} (transposed operands) and {@code :add} (C += ...).
 */
public final class Ab {
    /**
     * Untimed alternating rounds before the timed ones: C2 needs 4–5 s to compile a training step
     * on two cores (see {@link Timing.Budget}), here for two builds at once.
     */
    private static final int WARMUP_ROUNDS = 100;
    private static final int TIMED_ROUNDS = 25;
    /** Length of one window of calls: long enough to cover many calls, short against host drift. */
    private static final long WINDOW_NANOS = 40_000_000L;

    private Ab() {
    }

    /** A workload to run on either build: a training step or a matrix product. */
    sealed interface Target permits Step, Product {
        /** The target as written on the command line. */
        String spec();

        /** The workload on the build behind {@code loader}, set up once (weights, inputs, arrays). */
        Runnable on(ClassLoader loader) throws ReflectiveOperationException;

        /** Parses {@code step:CONFIG/OPTIMIZER} or {@code gemm:MxNxK[:ta][:tb][:add]}. */
        static Target parse(String spec) {
            String[] parts = spec.split(":");
            if (parts[0].equals("step") && parts.length == 2 && parts[1].contains("/")) {
                String[] co = parts[1].split("/");
                return new Step(spec, co[0], co[1]);
            }
            if (parts[0].equals("gemm") && parts.length >= 2) {
                String[] dims = parts[1].split("x");
                List<String> flags = Arrays.asList(parts).subList(2, parts.length);
                if (dims.length == 3 && List.of("ta", "tb", "add").containsAll(flags)) {
                    try {
                        return new Product(spec, Integer.parseInt(dims[0]), Integer.parseInt(dims[1]),
                                Integer.parseInt(dims[2]), flags.contains("ta"), flags.contains("tb"), flags.contains("add"));
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
            }
            throw new IllegalArgumentException("ab: cannot read target '" + spec + "'; write step:CONFIG/OPTIMIZER"
                    + " (e.g. step:mnist/sgd) or gemm:MxNxK with optional :ta, :tb, :add (e.g. gemm:784x256x128:ta:add)");
        }
    }

    /**
     * One training step of the benchmark's models. Its classes are package-private bench code in
     * another loader, so they are reached reflectively; every revision since the benchmark has them.
     */
    record Step(String spec, String model, String optimizer) implements Target {
        @Override
        public Runnable on(ClassLoader loader) throws ReflectiveOperationException {
            Class<?> bench = Class.forName("io.jgrad.bench.MlpBench", true, loader);
            Method config = bench.getDeclaredMethod("config", String.class);
            config.setAccessible(true);
            Class<?> stepClass = Class.forName("io.jgrad.bench.MlpBench$Step", true, loader);
            Constructor<?> make = stepClass.getDeclaredConstructor(config.getReturnType(), String.class, long.class);
            make.setAccessible(true);
            Object step = make.newInstance(config.invoke(null, model), optimizer, 42L);
            Method run = stepClass.getDeclaredMethod("run");
            run.setAccessible(true);
            return () -> invoke(run, step);
        }
    }

    /** C (+)= op(A)·op(B) through the public {@code Gemm} entry points, on fixed random operands. */
    record Product(String spec, int m, int n, int k, boolean transA, boolean transB, boolean add) implements Target {
        @Override
        public Runnable on(ClassLoader loader) throws ReflectiveOperationException {
            Class<?> gemm = Class.forName("io.jgrad.core.kernels.Gemm", true, loader);
            // A method handle called exactly: no boxing per call, which would blur µs-sized products.
            MethodHandle multiply = MethodHandles.publicLookup().findStatic(gemm, add ? "gemmAdd" : "gemm",
                    MethodType.methodType(void.class, boolean.class, boolean.class, int.class, int.class, int.class,
                            double[].class, int.class, double[].class, int.class, double[].class, int.class));
            RandomGenerator rng = new MersenneTwister(1);
            double[] a = MatmulBench.random(rng, m * k), b = MatmulBench.random(rng, k * n), c = new double[m * n];
            return () -> {
                try {
                    multiply.invokeExact(transA, transB, m, n, k, a, 0, b, 0, c, 0);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java -cp jgrad-bench.jar io.jgrad.bench.Ab A.jar B.jar TARGET...\n"
                    + "  TARGET: step:CONFIG/OPTIMIZER (tiny, small, mnist, wide / sgd, adam)"
                    + " or gemm:MxNxK[:ta][:tb][:add]");
            System.exit(2);
        }
        ClassLoader a = load(args[0]), b = load(args[1]);
        // Every target is read before the first one runs: a typo in the last should not cost minutes.
        List<Target> targets = new ArrayList<>();
        for (String spec : Arrays.asList(args).subList(2, args.length)) {
            targets.add(Target.parse(spec));
        }
        System.out.printf(Locale.ROOT, "A = %s%nB = %s%n", args[0], args[1]);
        for (Target t : targets) {
            System.out.println(compare(t, t.on(a), t.on(b), WARMUP_ROUNDS, TIMED_ROUNDS, WINDOW_NANOS));
        }
    }

    /**
     * Runs A and B in alternating windows (A first in even rounds, B first in odd ones) and reports
     * each one's median time per call and the median and quartiles of the per-round ratios B/A.
     */
    static String compare(Target t, Runnable a, Runnable b, int warmupRounds, int rounds, long windowNanos) {
        double[] timeA = new double[rounds], timeB = new double[rounds], ratio = new double[rounds];
        for (int round = 0; round < warmupRounds + rounds; round++) {
            boolean aFirst = round % 2 == 0;
            double first = window(aFirst ? a : b, windowNanos), second = window(aFirst ? b : a, windowNanos);
            if (round >= warmupRounds) {
                int r = round - warmupRounds;
                timeA[r] = aFirst ? first : second;
                timeB[r] = aFirst ? second : first;
                ratio[r] = timeB[r] / timeA[r];
            }
        }
        Arrays.sort(ratio);
        return String.format(Locale.ROOT, "%-28s A %10.1f µs   B %10.1f µs   B/A %.3f (quartiles %.3f–%.3f, %d rounds)",
                t.spec(), Timing.median(timeA) / 1e3, Timing.median(timeB) / 1e3, Timing.median(ratio),
                ratio[rounds / 4], ratio[(3 * rounds) / 4], rounds);
    }

    /** Mean nanoseconds per call over one window of at least {@code nanos}. */
    private static double window(Runnable action, long nanos) {
        long start = System.nanoTime(), now;
        int calls = 0;
        do {
            action.run();
            calls++;
            now = System.nanoTime();
        } while (now - start < nanos);
        return (now - start) / (double) calls;
    }

    /**
     * A class loader for one build, seeing nothing else of this JVM's: a fat jar, a directory of
     * classes, or several of them as a class path (the first one that has a class wins, so a
     * directory of changed classes can go before a jar).
     */
    static ClassLoader load(String classPath) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("ab: no build at " + p + "; pass a jgrad-bench.jar, a classes"
                        + " directory, or a class path of them");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IOException("ab: cannot read " + p, e);
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static void invoke(Method method, Object target) {
        try {
            method.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }
}
