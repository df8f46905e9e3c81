package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Graphs far deeper and wider than any stack: a chain of 1,000,000 ops that each save a tensor
 * (released by backward while the root is still held), one op with 100,000 inputs, one tensor
 * feeding 100,000 ops, and a second derivative through a 100,000-op chain. The sizes are quoted in
 * docs/RELIABILITY.md.
 */
final class ScaleReliabilityTest {
    /** The longest chain tested (ops between the leaf and the loss). */
    static final int CHAIN = 1_000_000;
    /** The widest fan-in and fan-out tested. */
    static final int WIDTH = 100_000;

    @Test
    void aMillionSavedTensorsAreFreedByBackwardWhileTheRootIsStillHeld() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor[] root = new Tensor[1];
        WeakReference<Tensor> middle = tanhChain(x, root);
        Tensor y = root[0];
        double expected = 1;
        double v = 0.5;
        for (int i = 0; i < CHAIN; i++) {
            v = Math.tanh(v);
            expected *= 1 - v * v;
        }
        assertEquals(v, y.item(), 0.0);
        assertNotNull(middle.get(), "tanh saves its output for backward");
        y.backward();
        assertEquals(expected, x.grad().item(), 1e-12 * expected);
        assertCollected(middle);
        assertNotNull(y.opName(), "the root is still referenced here");
    }

    /** Builds a chain of tanh; returns a weak reference to the output in its middle, the root goes to root[0]. */
    private static WeakReference<Tensor> tanhChain(Tensor x, Tensor[] root) {
        Tensor y = x;
        WeakReference<Tensor> middle = null;
        for (int i = 0; i < CHAIN; i++) {
            y = y.tanh();
            if (i == CHAIN / 2) {
                middle = new WeakReference<>(y);
            }
        }
        root[0] = y;
        return middle;
    }

    /** One op whose backward hands each of its 100,000 inputs its own gradient. */
    private static final class WeightedSum extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            double s = 0;
            for (int i = 0; i < inputs.length; i++) {
                s += (i % 7) * inputs[i].item();
            }
            return Tensor.scalar(s);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gradOutput) {
            Tensor[] grads = new Tensor[WIDTH];
            for (int i = 0; i < grads.length; i++) {
                grads[i] = gradOutput.mul(i % 7);
            }
            return grads;
        }
    }

    @Test
    void oneOpWithAHundredThousandInputs() {
        Tensor[] leaves = new Tensor[WIDTH];
        Tensor[] inputs = new Tensor[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            leaves[i] = Tensor.scalar(i % 3).requiresGrad(true);
            inputs[i] = leaves[i].mul(2.0);
        }
        Tensor out = new WeightedSum().apply(inputs);
        out.backward();
        for (int i = 0; i < WIDTH; i += 997) {
            assertEquals(2.0 * (i % 7), leaves[i].grad().item(), "input " + i);
        }
    }

    @Test
    void oneTensorFeedingAHundredThousandOps() {
        Tensor w = Tensor.of(new double[] {0.5, -2}).requiresGrad(true);
        Tensor h = w.exp();
        Tensor total = Tensor.scalar(0);
        long coefficients = 0;
        for (int i = 0; i < WIDTH; i++) {
            total = total.add(h.mul(i % 5).sum());
            coefficients += i % 5;
        }
        total.backward();
        assertEquals(coefficients * Math.exp(0.5), w.grad().get(0), 1e-9 * coefficients);
        assertEquals(coefficients * Math.exp(-2), w.grad().get(1), 1e-9 * coefficients);
    }

    @Test
    void aSecondDerivativeThroughAHundredThousandOpChainIsExact() {
        // y = x·x·…·x (WIDTH factors) at x = 1: y' = n and y'' = n(n − 1), integers a double holds exactly.
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor y = x;
        for (int i = 1; i < WIDTH; i++) {
            y = y.mul(x);
        }
        Tensor first = Autograd.grad(y, List.of(x), true).get(0);
        assertEquals(WIDTH, first.item());
        Tensor second = Autograd.grad(first, List.of(x), false).get(0);
        assertEquals((double) WIDTH * (WIDTH - 1), second.item());
    }

    /** Collects garbage until the referent is gone (a full GC normally suffices; bounded retries). */
    private static void assertCollected(WeakReference<?> ref) {
        List<byte[]> pressure = new ArrayList<>();
        for (int attempt = 0; attempt < 20 && ref.get() != null; attempt++) {
            // Allocation pressure makes collectors that treat System.gc() as a hint run anyway.
            pressure.add(new byte[1 << 20]);
            System.gc();
        }
        assertNull(ref.get(), "a tensor saved for backward is still reachable after backward");
    }
}
