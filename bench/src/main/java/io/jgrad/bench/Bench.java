package io.jgrad.bench;

import io.jgrad.core.kernels.Gemm;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark command: training-step time of four MLPs with SGD and Adam, DGEMM throughput,
 * autograd overhead on a scalar chain, allocation and time of an Adam step, and peak memory.
 * Prints a table, or one JSON object with {@code --json}; see {@link Options#USAGE}.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        if (options.peakChildSteps() > 0) {
            PeakMemory.childMain(options.peakChildSteps());
            return;
        }
        Map<String, Object> results = run(options, System.err);
        if (options.json()) {
            System.out.println(Json.write(results));
        } else {
            System.out.print(Report.table(results));
        }
    }

    /** Runs the chosen sections, reporting progress on {@code log}; the results keyed as in the JSON. */
    public static Map<String, Object> run(Options o, PrintStream log) {
        return o.fork() ? runForked(o, log) : runHere(o, log);
    }

    /** Every measurement in its own child JVM; the children's JSON merged. */
    private static Map<String, Object> runForked(Options o, PrintStream log) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("machine", machine());
        List<List<String>> jobs = new ArrayList<>();
        for (String section : o.sections()) {
            switch (section) {
                case "mlp" -> o.models().forEach(m -> jobs.add(List.of("--only=mlp", "--models=" + m)));
                case "matmul" -> Arrays.stream(o.sizes()).forEach(n -> jobs.add(List.of("--only=matmul", "--sizes=" + n)));
                default -> jobs.add(List.of("--only=" + section));
            }
        }
        for (List<String> job : jobs) {
            List<String> args = new ArrayList<>(job);
            args.add("--json");
            args.add("--no-fork");
            if (o.quick()) {
                args.add("--quick");
            }
            Map<String, Object> child = Json.read(ChildJvm.run(args));
            child.remove("machine");
            for (Map.Entry<String, Object> e : child.entrySet()) {
                merge(r, e.getKey(), e.getValue());
            }
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, String key, Object value) {
        Object existing = into.get(key);
        if (existing instanceof Map<?, ?> m && value instanceof Map<?, ?> v) {
            ((Map<String, Object>) m).putAll((Map<String, Object>) v);
        } else {
            into.put(key, value);
        }
    }

    private static Map<String, Object> runHere(Options o, PrintStream log) {
        Timing.Budget budget = o.quick() ? Timing.Budget.QUICK : Timing.Budget.FULL;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("machine", machine());
        if (o.sections().contains("mlp")) {
            log.println("bench: training steps " + o.models());
            List<MlpBench.Config> configs = new ArrayList<>();
            for (String m : o.models()) {
                configs.add(MlpBench.config(m));
            }
            r.put("mlp", MlpBench.run(configs, budget));
        }
        if (o.sections().contains("matmul")) {
            log.println("bench: matmul n = " + Arrays.toString(o.sizes()));
            r.put("matmul", MatmulBench.run(o.sizes(), budget));
        }
        if (o.sections().contains("overhead")) {
            log.println("bench: scalar chain overhead");
            r.put("overhead", OverheadBench.run(o.quick() ? 300 : 10_000, budget));
        }
        if (o.sections().contains("adam")) {
            log.println("bench: Adam step over " + AdamBench.PARAMETERS + " parameters");
            r.put("adam", AdamBench.run(budget));
        }
        if (o.sections().contains("memory")) {
            int steps = o.quick() ? 3 : 200;
            log.println("bench: peak memory, mnist/sgd, " + steps + " steps in a child JVM");
            r.put("memory", PeakMemory.run(steps));
        }
        return r;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runtime", "jgrad");
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("gemm_kernel", Gemm.usesVectorApi() ? "Vector API" : "plain Java");
        m.put("os", System.getProperty("os.name").toLowerCase(Locale.ROOT) + " " + System.getProperty("os.arch"));
        return m;
    }
}
