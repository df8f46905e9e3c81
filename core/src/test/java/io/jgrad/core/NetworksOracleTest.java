package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code networks.json} written with raw core ops (no nn layers): the loss and the
 * gradient of every parameter against PyTorch, and for {@code sum_tanh_sq} the Hessian-vector
 * product through {@code createGraph}.
 */
final class NetworksOracleTest {

    @TestFactory
    Stream<DynamicTest> networksMatchPyTorch() {
        List<JsonNode> cases = Oracle.cases("networks.json");
        for (JsonNode c : cases) {
            assertTrue(!c.path("secondOrder").asBoolean(false) || c.has("hvp"),
                    c.get("name").asText() + " is marked second-order but has no hvp to check");
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        List<Tensor> in = new ArrayList<>();
        int[] labels = null;
        JsonNode grads = c.get("grads");
        for (int i = 0; i < c.get("inputs").size(); i++) {
            JsonNode node = c.get("inputs").get(i);
            if (Oracle.isLabels(node)) {
                labels = Oracle.labels(node);
                in.add(Tensor.zeros(0));
            } else {
                in.add(Oracle.tensor(node).requiresGrad(!grads.get(i).isNull()));
            }
        }
        Tensor loss = loss(c.get("op").asText(), c.get("args"), in, labels);
        Oracle.assertClose(name + " loss", Oracle.tensor(c.get("output")), loss);
        loss.backward(Oracle.tensor(c.get("upstream")));
        for (int i = 0; i < in.size(); i++) {
            if (!grads.get(i).isNull()) {
                Oracle.assertClose(name + " grad " + i, Oracle.tensor(grads.get(i)), in.get(i).grad());
            }
        }
        if (c.has("hvp")) {
            Oracle.assertClose(name + " hvp", Oracle.tensor(c.get("hvp")), hessianVectorProduct(in));
        }
    }

    /** H·v for f = sum(tanh(x W)²), H = d²f/dx²: the gradient w.r.t. x of <df/dx, v>. */
    static Tensor hessianVectorProduct(List<Tensor> in) {
        Tensor x = in.get(0), w = in.get(1), v = in.get(2);
        Tensor f = sumTanhSquared(x, w);
        Tensor dfdx = Autograd.grad(f, List.of(x), true).get(0);
        assertTrue(dfdx.requiresGrad(), "with createGraph the gradient is itself recorded");
        Tensor hv = Autograd.grad(dfdx.mul(v).sum(), List.of(x), false).get(0);
        assertEquals(x.shape(), hv.shape());
        return hv;
    }

    private static Tensor sumTanhSquared(Tensor x, Tensor w) {
        return x.matmul(w).tanh().pow(2.0).sum();
    }

    /** The loss of one networks.json case, from its README definition. */
    private static Tensor loss(String op, JsonNode args, List<Tensor> in, int[] labels) {
        switch (op) {
            case "mlp2_relu_sigmoid_bce": {
                Tensor a1 = affine(in.get(0), in.get(2), in.get(3)).relu();
                Tensor p = affine(a1, in.get(4), in.get(5)).sigmoid();
                Tensor y = in.get(1);
                Tensor ll = y.mul(p.log()).add(Tensor.scalar(1).sub(y).mul(Tensor.scalar(1).sub(p).log()));
                return ll.mean().neg();
            }
            case "mlp2_tanh_softmax_ce": {
                Tensor a1 = affine(in.get(0), in.get(2), in.get(3)).tanh();
                Tensor z2 = affine(a1, in.get(4), in.get(5));
                return z2.logSoftmax(1).gather(1, labels).mean().neg();
            }
            case "mlp3_leaky_relu_mse": {
                double slope = args.get("slope").asDouble();
                Tensor a1 = affine(in.get(0), in.get(2), in.get(3)).leakyRelu(slope);
                Tensor a2 = affine(a1, in.get(4), in.get(5)).leakyRelu(slope);
                Tensor z3 = affine(a2, in.get(6), in.get(7));
                return z3.sub(in.get(1)).pow(2.0).mean();
            }
            case "sum_tanh_sq":
                return sumTanhSquared(in.get(0), in.get(1));
            default:
                throw new AssertionError("networks.json has op '" + op + "' that this test does not map; add a row");
        }
    }

    /** X W + b with b broadcast over the rows (batch-first). */
    private static Tensor affine(Tensor x, Tensor w, Tensor b) {
        return x.matmul(w).add(b);
    }
}
