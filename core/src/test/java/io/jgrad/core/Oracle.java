package io.jgrad.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the PyTorch reference values in {@code shared/oracle/} (see its README): tensors as
 * {@code {"shape": [...], "data": [...]}}, integer labels with {@code "dtype": "int"}. Shared with
 * the other modules' tests through core's test jar.
 */
public final class Oracle {
    /** The tolerance the reference values were computed for: |actual − expected| ≤ 1e-12 + 1e-10·|expected|. */
    public static final double ATOL = 1e-12;
    public static final double RTOL = 1e-10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Oracle() {
    }

    /** {@code shared/} beside the repository, as the build passes it in {@code jgrad.shared}. */
    public static Path sharedDir() {
        Path p = Path.of(System.getProperty("jgrad.shared", "../../shared"));
        if (!Files.isDirectory(p.resolve("oracle"))) {
            throw new IllegalStateException("reference values not found at " + p.toAbsolutePath()
                    + "/oracle; run the tests from the repository with shared/ beside it (-Djgrad.shared=DIR)");
        }
        return p;
    }

    /** The cases of one oracle file, e.g. {@code cases("ops.json")}. */
    public static List<JsonNode> cases(String file) {
        try {
            JsonNode root = JSON.readTree(sharedDir().resolve("oracle").resolve(file).toFile());
            List<JsonNode> out = new ArrayList<>();
            root.get("cases").forEach(out::add);
            if (out.isEmpty()) {
                throw new IllegalStateException(file + " has no cases");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read oracle file " + file, e);
        }
    }

    /** A float64 tensor node as a leaf tensor. */
    public static Tensor tensor(JsonNode node) {
        JsonNode shape = node.get("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asInt();
        }
        JsonNode data = node.get("data");
        double[] d = new double[data.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = data.get(i).asDouble();
        }
        return Tensor.of(d, Shape.of(dims));
    }

    /** Integer labels ({@code "dtype": "int"}). */
    public static int[] labels(JsonNode node) {
        JsonNode data = node.get("data");
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i).asInt();
        }
        return out;
    }

    public static boolean isLabels(JsonNode node) {
        return node.has("dtype") && "int".equals(node.get("dtype").asText());
    }

    /**
     * Asserts shape equality and the oracle tolerance element-wise; the message names the case, the
     * quantity and the first differing element.
     */
    public static void assertClose(String what, Tensor expected, Tensor actual) {
        if (!expected.shape().equals(actual.shape())) {
            throw new AssertionError(what + ": shape " + actual.shape() + ", expected " + expected.shape());
        }
        double[] e = expected.data(), a = actual.data();
        for (int i = 0; i < e.length; i++) {
            double tol = ATOL + RTOL * Math.abs(e[i]);
            if (!(Math.abs(a[i] - e[i]) <= tol)) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", expected " + e[i]
                        + " (|diff| " + Math.abs(a[i] - e[i]) + " > " + tol + ")");
            }
        }
    }
}
