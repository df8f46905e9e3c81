package io.jgrad.bench;

import java.util.Locale;
import java.util.Map;

/** Formats the benchmark results as a readable table. */
final class Report {
    private Report() {
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) r.get("machine");
        line(sb, "jgrad benchmark on %s, %s cores, %s matrix kernel", machine.get("java"), machine.get("cores"),
                machine.get("gemm_kernel"));
        if (r.containsKey("mlp")) {
            Map<String, Object> mlp = (Map<String, Object>) r.get("mlp");
            line(sb, "");
            line(sb, "training step, ms (median)   %10s %10s", "SGD", "Adam");
            for (String model : Options.ALL_MODELS) {
                if (mlp.containsKey(model + "/sgd")) {
                    line(sb, "  %-26s %10.4f %10.4f", model, field(mlp, model + "/sgd", "ms_per_step"),
                            field(mlp, model + "/adam", "ms_per_step"));
                }
            }
        }
        if (r.containsKey("matmul")) {
            line(sb, "");
            line(sb, "square DGEMM, GFLOPS (median)");
            for (Map.Entry<String, Object> e : ((Map<String, Object>) r.get("matmul")).entrySet()) {
                line(sb, "  n = %-22s %10.1f", e.getKey(), ((Map<String, Object>) e.getValue()).get("gflops"));
            }
        }
        if (r.containsKey("overhead")) {
            Map<String, Object> o = (Map<String, Object>) r.get("overhead");
            line(sb, "");
            line(sb, "autograd overhead: %.3f µs per op (chain of %s scalar ops, forward + backward)",
                    o.get("us_per_op"), o.get("ops"));
        }
        if (r.containsKey("adam")) {
            Map<String, Object> a = (Map<String, Object>) r.get("adam");
            line(sb, "Adam step over %s parameters: %.0f bytes allocated per step, %.3f ns per parameter",
                    a.get("params"), a.get("bytes_per_step"), a.get("ns_per_param"));
        }
        if (r.containsKey("memory")) {
            Map<String, Object> m = (Map<String, Object>) r.get("memory");
            Object mb = m.get("peak_rss_mb");
            line(sb, "peak RSS, %s for %s steps: %s (%s MB with %s)", m.get("config"), m.get("steps"),
                    mb == null ? "not measurable here (no /proc)" : String.format(Locale.ROOT, "%.1f MB", (Double) mb),
                    m.get("peak_rss_mb_small_heap"), m.get("small_heap_flags"));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object field(Map<String, Object> section, String key, String field) {
        Object row = section.get(key);
        return row == null ? Double.NaN : ((Map<String, Object>) row).get(field);
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
