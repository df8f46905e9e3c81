package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Parameter registration and naming, modes, state dicts, and the forward of each layer. */
class LayerTest {

    private static Sequential mlp(long seed) {
        MersenneTwister rng = new MersenneTwister(seed);
        return new Sequential(new Dense(3, 4, rng), new ReLU(), new Dense(4, 2, rng));
    }

    @Test
    void namedParametersFollowRegistrationOrder() {
        Sequential model = mlp(1);
        Map<String, Tensor> named = model.namedParameters();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(named.keySet()));
        Dense first = (Dense) model.get(0);
        assertSame(first.weight(), named.get("0.weight"));
        assertEquals(List.of(3, 4), List.of(first.weight().shape().dim(0), first.weight().shape().dim(1)));
        assertEquals(new ArrayList<>(named.values()), model.parameters());
        for (Tensor p : model.parameters()) {
            assertTrue(p.requiresGrad() && p.isLeaf());
        }
        assertThrows(UnsupportedOperationException.class, () -> named.put("x", Tensor.zeros(1)));
        Sequential nested = new Sequential(new Sequential(new Tanh(), new Dense(2, 2)), new Dense(2, 1));
        assertEquals(List.of("0.1.weight", "0.1.bias", "1.weight", "1.bias"),
                new ArrayList<>(nested.namedParameters().keySet()));
    }

    @Test
    void aLayerUsedTwiceIsListedOnce() {
        Dense shared = new Dense(2, 2);
        Sequential model = new Sequential(shared, new Tanh(), shared);
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(model.namedParameters().keySet()));
    }

    @Test
    void registrationRejectsBadNames() {
        class Bad extends Layer {
            Bad(String first, String second, Tensor t) {
                registerParameter(first, Tensor.zeros(1));
                registerParameter(second, t);
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Bad("w", "w", Tensor.zeros(1)));
        assertThrows(IllegalArgumentException.class, () -> new Bad("w", "a.b", Tensor.zeros(1)));
        Tensor computed = Tensor.zeros(1).requiresGrad(true).mul(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bad("w", "v", computed));
        assertTrue(e.getMessage().contains("leaf"), e.getMessage());
    }

    @Test
    void trainAndEvalReachEveryChild() {
        Dropout drop = new Dropout(0.5, 1);
        Sequential model = new Sequential(new Sequential(drop), new ReLU());
        assertTrue(drop.isTraining());
        assertSame(model, model.eval());
        assertFalse(drop.isTraining());
        model.train();
        assertTrue(drop.isTraining());
    }

    @Test
    void stateDictCopiesAndLoadStateDictRestores() {
        Sequential a = mlp(1), b = mlp(2);
        Tensor x = Tensor.randn(new MersenneTwister(3), 5, 3);
        Map<String, Tensor> state = a.stateDict();
        state.get("0.weight").mutableData()[0] = 99;
        assertFalse(a.namedParameters().get("0.weight").get(0, 0) == 99, "the state dict is a copy");
        b.loadStateDict(a.stateDict());
        assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray(), 0);
        assertTrue(b.parameters().get(0).requiresGrad(), "loading keeps the parameters trainable");
    }

    @Test
    void loadStateDictIsAllOrNothing() {
        Sequential model = mlp(1);
        Map<String, Tensor> before = model.stateDict();
        Map<String, Tensor> wrongShape = new HashMap<>(mlp(2).stateDict());
        wrongShape.put("2.weight", Tensor.zeros(4, 3));
        Map<String, Tensor> missing = new HashMap<>(mlp(2).stateDict());
        missing.remove("2.bias");
        Map<String, Tensor> extra = new HashMap<>(mlp(2).stateDict());
        extra.put("3.weight", Tensor.zeros(1));
        assertRejected(model, wrongShape, "\"2.weight\" has shape [4, 3]", "[4, 2]");
        assertRejected(model, missing, "missing parameter \"2.bias\"");
        assertRejected(model, extra, "unexpected entry \"3.weight\"");
        for (Map.Entry<String, Tensor> e : before.entrySet()) {
            assertArrayEquals(e.getValue().toArray(), model.namedParameters().get(e.getKey()).toArray(), 0,
                    e.getKey() + " unchanged");
        }
    }

    private static void assertRejected(Layer model, Map<String, Tensor> state, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> e.getMessage() + " lacks " + p);
        }
    }

    @Test
    void denseComputesXWPlusB() {
        Dense d = new Dense(2, 3, Init.zeros(), Init.zeros(), new MersenneTwister(1));
        d.loadStateDict(Map.of("weight", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3),
                "bias", Tensor.of(new double[] {0.5, -1, 2}, 3)));
        Tensor x = Tensor.of(new double[] {1, 1, 2, -1}, 2, 2);
        assertArrayEquals(new double[] {5.5, 6, 11, -1.5, -2, 2}, d.forward(x).toArray(), 0);
        assertArrayEquals(new double[] {5.5, 6, 11}, d.forward(Tensor.of(new double[] {1, 1})).toArray(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.forward(Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("takes 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dense(0, 3));
        assertEquals("Dense(2 -> 3)", d.toString());
    }

    @Test
    void sequentialRunsADenseAndItsReluAsOneOpWithTheSameValuesAndGradients() {
        MersenneTwister rng = new MersenneTwister(5);
        Dense first = new Dense(6, 8, rng), second = new Dense(8, 3, rng);
        Sequential model = new Sequential(first, new ReLU(), second, new ReLU(), new Tanh());
        Tensor x = Tensor.randn(rng, 10, 6);
        Tensor y = model.forward(x);
        Tensor unfused = new Tanh().forward(second.forward(first.forward(x).relu()).relu());
        assertArrayEquals(unfused.toArray(), y.toArray(), 0);
        unfused.sum().backward();
        List<double[]> expected = model.parameters().stream().map(p -> p.grad().toArray()).toList();
        model.zeroGrad();
        y.sum().backward();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), model.parameters().get(i).grad().toArray(), 0, "parameter " + i);
        }
        // The graph shows the fused op; a Dense before anything else stays a plain linear.
        assertEquals("tanh", y.opName());
        assertEquals("linearRelu", new Sequential(first, new ReLU()).forward(x).opName());
        assertEquals("linear", new Sequential(new ReLU(), first).forward(x).opName());
        assertEquals("sigmoid", new Sequential(first, new Sigmoid()).forward(x).opName());
    }

    @Test
    void zeroGradKeepsEachGradientAndClearGradForgetsIt() {
        Sequential model = mlp(3);
        model.forward(Tensor.ones(2, 3)).sum().backward();
        Tensor w = model.parameters().get(0);
        Tensor grad = w.grad();
        model.zeroGrad();
        assertSame(grad, w.grad());
        assertArrayEquals(new double[grad.size()], grad.toArray(), 0);
        model.clearGrad();
        assertTrue(model.parameters().stream().allMatch(p -> p.grad() == null));
    }

    @Test
    void activationsApplyTheirCoreOp() {
        Tensor x = Tensor.of(new double[] {-2, -0.5, 0.5, 3}, 2, 2);
        assertArrayEquals(x.relu().toArray(), new ReLU().forward(x).toArray(), 0);
        assertArrayEquals(x.leakyRelu(0.01).toArray(), new LeakyReLU().forward(x).toArray(), 0);
        assertArrayEquals(x.leakyRelu(0.3).toArray(), new LeakyReLU(0.3).forward(x).toArray(), 0);
        assertArrayEquals(x.sigmoid().toArray(), new Sigmoid().forward(x).toArray(), 0);
        assertArrayEquals(x.tanh().toArray(), new Tanh().forward(x).toArray(), 0);
        assertArrayEquals(x.softmax(1).toArray(), new Softmax().forward(x).toArray(), 0);
        assertArrayEquals(x.softmax(0).toArray(), new Softmax(0).forward(x).toArray(), 0);
        assertTrue(new ReLU().parameters().isEmpty());
    }

    @Test
    void dropoutIsInvertedSeededAndIdentityInEval() {
        Tensor x = Tensor.full(2.0, 200, 500).requiresGrad(true);
        Dropout drop = new Dropout(0.3, 5);
        Tensor y = drop.forward(x);
        int zeros = 0;
        for (double v : y.data()) {
            assertTrue(v == 0 || v == 2.0 / 0.7, () -> "dropped or scaled by 1/(1-p): " + v);
            zeros += v == 0 ? 1 : 0;
        }
        // 100,000 Bernoulli(0.3) draws: standard deviation of the count ≈ 145.
        assertEquals(30_000, zeros, 1_000);
        y.sum().backward();
        double[] g = x.grad().data();
        for (int i = 0; i < g.length; i++) {
            assertEquals(y.data()[i] / 2.0, g[i], 0);
        }
        assertArrayEquals(y.toArray(), new Dropout(0.3, 5).forward(x).toArray(), 0, "same seed, same mask");
        drop.eval();
        assertSame(x, drop.forward(x));
        assertArrayEquals(new double[] {0, 0}, new Dropout(1.0, 1).forward(Tensor.ones(2)).toArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN, 1));
    }
}
