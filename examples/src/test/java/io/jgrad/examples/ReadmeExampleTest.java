package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Dense;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The README's 20-line example, verbatim apart from the assertions: it must keep compiling and learning XOR. */
class ReadmeExampleTest {

    @Test
    void readmeExampleLearnsXor() {
        // ---- README example begins
        var rng = new MersenneTwister(42);
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});  // one example per row
        Tensor y = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);                  // XOR

        Layer model = new Sequential(new Dense(2, 8, rng), new Tanh(), new Dense(8, 1, rng));
        Optimizer opt = Adam.builder(model.parameters()).lr(0.05).build();

        for (int step = 0; step < 500; step++) {
            opt.zeroGrad();
            Tensor loss = Losses.bceWithLogits(model.forward(x), y);  // records the graph
            loss.backward();                                          // one reverse pass fills every grad()
            opt.step();
        }
        try (var scope = Autograd.noGrad()) {
            System.out.println(model.forward(x).sigmoid());           // close to [[0], [1], [1], [0]]
        }
        // ---- README example ends
        Tensor p;
        try (var scope = Autograd.noGrad()) {
            p = model.forward(x).sigmoid();
        }
        assertArrayEquals(new double[] {0, 1, 1, 0}, p.toArray(), 0.05, p::toString);
        assertTrue(model.parameters().stream().allMatch(t -> t.grad() != null));
    }
}
