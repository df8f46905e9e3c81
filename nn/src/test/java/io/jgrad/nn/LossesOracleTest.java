package io.jgrad.nn;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of {@code losses.json}: loss value and gradient of the prediction against PyTorch. */
class LossesOracleTest {

    @TestFactory
    Stream<DynamicTest> lossesMatchPyTorch() {
        return Oracle.cases("losses.json").stream()
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        Tensor prediction = Oracle.tensor(c.get("inputs").get(0)).requiresGrad(true);
        JsonNode targetNode = c.get("inputs").get(1);
        Tensor loss = apply(c.get("op").asText(), c.get("args"), prediction, targetNode);
        Oracle.assertClose(name + " loss", Oracle.tensor(c.get("output")), loss);
        loss.backward(Oracle.tensor(c.get("upstream")));
        Oracle.assertClose(name + " gradient", Oracle.tensor(c.get("grads").get(0)), prediction.grad());
    }

    private static Tensor apply(String op, JsonNode args, Tensor prediction, JsonNode targetNode) {
        switch (op) {
            case "mse":
                return Losses.mse(prediction, Oracle.tensor(targetNode), reduction(args));
            case "half_sse":
                // J = 1/2 Σ (y − o)²: the SUM reduction of mse, halved.
                return Losses.mse(prediction, Oracle.tensor(targetNode), Reduction.SUM).mul(0.5);
            case "bce":
                return Losses.bce(prediction, Oracle.tensor(targetNode), reduction(args));
            case "bce_with_logits":
                return Losses.bceWithLogits(prediction, Oracle.tensor(targetNode), reduction(args));
            case "cross_entropy":
                return Losses.crossEntropy(prediction, Oracle.labels(targetNode),
                        args.path("labelSmoothing").asDouble(0.0), reduction(args));
            default:
                throw new AssertionError("losses.json has an op this test does not know: " + op);
        }
    }

    private static Reduction reduction(JsonNode args) {
        return Reduction.valueOf(args.path("reduction").asText("mean").toUpperCase(java.util.Locale.ROOT));
    }
}
