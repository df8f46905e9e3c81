package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.core.Autograd;
import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code networks.json}, built from {@link Dense} layers in a {@link Sequential} whose
 * parameters are set from the case with {@link Layer#loadStateDict}: the loss and the gradient of
 * every parameter match PyTorch; for the second-order case, the Hessian-vector product too.
 */
class NetworksOracleTest {

    @TestFactory
    Stream<DynamicTest> networksMatchPyTorch() {
        return Oracle.cases("networks.json").stream()
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        String op = c.get("op").asText();
        if (op.equals("sum_tanh_sq")) {
            checkHvp(c);
            return;
        }
        String name = c.get("name").asText();
        JsonNode inputs = c.get("inputs");
        Tensor x = Oracle.tensor(inputs.get(0));
        List<Tensor> weights = new ArrayList<>();
        for (int i = 2; i < inputs.size(); i++) {
            weights.add(Oracle.tensor(inputs.get(i)));
        }
        Sequential model = network(op, c.get("args"), weights);
        Tensor out = model.forward(x);
        Tensor loss;
        switch (op) {
            case "mlp2_relu_sigmoid_bce":
                loss = Losses.bce(out, Oracle.tensor(inputs.get(1)));
                break;
            case "mlp2_tanh_softmax_ce":
                loss = Losses.crossEntropy(out, Oracle.labels(inputs.get(1)));
                break;
            default:
                loss = Losses.mse(out, Oracle.tensor(inputs.get(1)));
        }
        Oracle.assertClose(name + " loss", Oracle.tensor(c.get("output")), loss);
        loss.backward();
        List<Tensor> params = model.parameters();
        assertEquals(weights.size(), params.size(), name + ": one parameter per W and b");
        for (int i = 0; i < params.size(); i++) {
            Oracle.assertClose(name + " gradient of parameter " + i, Oracle.tensor(c.get("grads").get(i + 2)),
                    params.get(i).grad());
        }
    }

    /** The network of an oracle op, with W1, b1, W2, b2, ... loaded into its Dense layers. */
    private static Sequential network(String op, JsonNode args, List<Tensor> weights) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < weights.size(); i += 2) {
            int[] dims = weights.get(i).shape().dims();
            layers.add(new Dense(dims[0], dims[1], new MersenneTwister(i)));
            boolean last = i + 2 == weights.size();
            if (op.equals("mlp2_relu_sigmoid_bce")) {
                layers.add(last ? new Sigmoid() : new ReLU());
            } else if (op.equals("mlp2_tanh_softmax_ce") && !last) {
                layers.add(new Tanh());
            } else if (op.equals("mlp3_leaky_relu_mse") && !last) {
                layers.add(new LeakyReLU(args.get("slope").asDouble()));
            }
        }
        Sequential model = new Sequential(layers.toArray(new Layer[0]));
        Map<String, Tensor> state = new java.util.LinkedHashMap<>();
        List<String> names = new ArrayList<>(model.namedParameters().keySet());
        for (int i = 0; i < names.size(); i++) {
            state.put(names.get(i), weights.get(i));
        }
        model.loadStateDict(state);
        return model;
    }

    /**
     * f = Σ tanh(x W)² through a Dense layer whose bias is zero (and not checked, since the oracle
     * has none): df/dx, df/dW and the Hessian-vector product H v = d⟨df/dx, v⟩/dx.
     */
    private static void checkHvp(JsonNode c) {
        String name = c.get("name").asText();
        JsonNode inputs = c.get("inputs");
        Tensor x = Oracle.tensor(inputs.get(0)).requiresGrad(true);
        Tensor w = Oracle.tensor(inputs.get(1));
        Tensor v = Oracle.tensor(inputs.get(2));
        int[] dims = w.shape().dims();
        Dense layer = new Dense(dims[0], dims[1], Init.zeros(), Init.zeros(), new MersenneTwister(0));
        layer.loadStateDict(Map.of("weight", w, "bias", Tensor.zeros(dims[1])));
        Tensor y = layer.forward(x).tanh();
        Tensor f = y.mul(y).sum();
        Oracle.assertClose(name + " value", Oracle.tensor(c.get("output")), f);
        List<Tensor> g = Autograd.grad(f, List.of(x, layer.weight()), true);
        Oracle.assertClose(name + " df/dx", Oracle.tensor(c.get("grads").get(0)), g.get(0));
        Oracle.assertClose(name + " df/dW", Oracle.tensor(c.get("grads").get(1)), g.get(1));
        Tensor hv = Autograd.grad(g.get(0).mul(v).sum(), List.of(x), false).get(0);
        Oracle.assertClose(name + " Hv", Oracle.tensor(c.get("hvp")), hv);
    }
}
