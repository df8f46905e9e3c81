package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of {@code ops.json}: forward value and vector-Jacobian products against PyTorch. */
class OracleOpsTest {

    @TestFactory
    Stream<DynamicTest> opsMatchPyTorch() {
        return Oracle.cases("ops.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        List<Tensor> inputs = new ArrayList<>();
        for (JsonNode in : c.get("inputs")) {
            inputs.add(Oracle.tensor(in).requiresGrad(true));
        }
        Tensor out = apply(c.get("op").asText(), c.get("args"), inputs);
        Oracle.assertClose(name + " output", Oracle.tensor(c.get("output")), out);
        out.backward(Oracle.tensor(c.get("upstream")));
        JsonNode grads = c.get("grads");
        assertEquals(inputs.size(), grads.size(), name);
        for (int i = 0; i < inputs.size(); i++) {
            if (!grads.get(i).isNull()) {
                Oracle.assertClose(name + " grad " + i, Oracle.tensor(grads.get(i)), inputs.get(i).grad());
            }
        }
    }

    /** Maps an oracle op name and its args to the jgrad call. */
    static Tensor apply(String op, JsonNode args, List<Tensor> in) {
        Tensor x = in.get(0);
        switch (op) {
            case "add": return x.add(in.get(1));
            case "sub": return x.sub(in.get(1));
            case "mul": return x.mul(in.get(1));
            case "div": return x.div(in.get(1));
            case "maximum": return x.maximum(in.get(1));
            case "matmul": return x.matmul(in.get(1));
            case "neg": return x.neg();
            case "exp": return x.exp();
            case "log": return x.log();
            case "sqrt": return x.sqrt();
            case "abs": return x.abs();
            case "relu": return x.relu();
            case "sigmoid": return x.sigmoid();
            case "tanh": return x.tanh();
            case "leaky_relu": return x.leakyRelu(args.get("slope").asDouble());
            case "pow": return x.pow(args.get("exponent").asDouble());
            case "clamp": return x.clamp(args.get("min").asDouble(), args.get("max").asDouble());
            case "transpose": return x.transpose();
            case "reshape": {
                JsonNode s = args.get("shape");
                int[] dims = new int[s.size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = s.get(i).asInt();
                }
                return x.reshape(dims);
            }
            case "sum": case "mean": case "max": {
                boolean keep = args.path("keepDims").asBoolean(false);
                JsonNode axis = args.get("axis");
                Tensor r;
                if (axis == null || axis.isNull()) {
                    r = op.equals("sum") ? x.sum() : op.equals("mean") ? x.mean() : x.max();
                    if (keep) {
                        int[] ones = new int[x.dim()];
                        java.util.Arrays.fill(ones, 1);
                        r = r.reshape(ones);
                    }
                    return r;
                }
                int ax = axis.asInt();
                return op.equals("sum") ? x.sum(ax, keep) : op.equals("mean") ? x.mean(ax, keep) : x.max(ax, keep);
            }
            case "softmax": return x.softmax(args.get("axis").asInt());
            case "log_softmax": return x.logSoftmax(args.get("axis").asInt());
            case "logsumexp": return x.logSumExp(args.get("axis").asInt(), args.path("keepDims").asBoolean(false));
            default: throw new AssertionError("ops.json has op '" + op + "' that this test does not map; add a row");
        }
    }
}
