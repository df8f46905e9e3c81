package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Storage reuse in a plain backward. Once a leaf has a gradient (zeroGrad keeps it), backward adds
 * into that storage as it goes: linear and matmul write dW += Xᵀ·dZ there directly, other ops'
 * gradients are summed into it. A ReLU or log-softmax overwrites an incoming gradient that only it
 * holds. These check that the results equal a fresh gradient's (and Autograd.grad's, which reuses
 * nothing), and that the engine never writes into storage a later backward rule could still read
 * (the gradient used in the forward, passed as the seed, or handed back by a hook or a custom
 * function).
 */
final class GradientSinkTest {
    private final MersenneTwister rng = new MersenneTwister(7);

    @ParameterizedTest(name = "transA={0} transB={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void matmulAddsIntoExistingGradientsAsAFreshPassComputes(boolean transA, boolean transB) {
        // 40·37·33 multiply-adds: the blocked kernel, not the tiny loops.
        Tensor a = Tensor.randn(rng, transA ? 33 : 40, transA ? 40 : 33).requiresGrad(true);
        Tensor b = Tensor.randn(rng, transB ? 37 : 33, transB ? 33 : 37).requiresGrad(true);
        Tensor probe = Tensor.randn(rng, 40, 37);
        Function<Void, Tensor> loss = v -> MatMul.apply(a, b, transA, transB).mul(probe).sum();
        assertSinkMatchesFreshPass(loss, a, b);
    }

    @Test
    void linearAddsWeightAndBiasGradientsIntoTheExistingOnes() {
        Tensor x = Tensor.randn(rng, 2, 5, 70).requiresGrad(true);   // 3-D input: rows flattened
        Tensor w = Tensor.randn(rng, 70, 30).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 30).requiresGrad(true);
        Tensor probe = Tensor.randn(rng, 2, 5, 30);
        assertSinkMatchesFreshPass(v -> x.linear(w, b).tanh().mul(probe).sum(), x, w, b);
    }

    @Test
    void broadcastGradientsAreSummedIntoTheExistingOnes() {
        Tensor x = Tensor.randn(rng, 4, 3).requiresGrad(true);
        Tensor row = Tensor.randn(rng, 3).requiresGrad(true);
        Tensor column = Tensor.randn(rng, 4, 1).requiresGrad(true);
        Tensor scalar = Tensor.scalar(0.5).requiresGrad(true);
        assertSinkMatchesFreshPass(v -> x.mul(row).add(column).mul(scalar).exp().sum(), x, row, column, scalar);
    }

    @Test
    void aLeafUsedTwiceByOneOpGetsBothContributions() {
        Tensor w = Tensor.randn(rng, 20, 20).requiresGrad(true);
        assertSinkMatchesFreshPass(v -> w.matmul(w).sum(), w);
    }

    @Test
    void gradientsAccumulateOverPassesWithoutZeroGrad() {
        Tensor w = Tensor.randn(rng, 50, 40).requiresGrad(true);
        Tensor x = Tensor.randn(rng, 30, 50);
        x.matmul(w).sum().backward();
        Tensor grad = w.grad();
        double[] once = grad.toArray();
        x.matmul(w).sum().backward();
        x.matmul(w).sum().backward();
        assertSame(grad, w.grad());
        double[] thrice = w.grad().toArray();
        for (int i = 0; i < once.length; i++) {
            assertEquals(3 * once[i], thrice[i], 1e-12 * Math.abs(once[i]) + 1e-12);
        }
    }

    @Test
    void aGradientUsedInTheForwardPassIsNotChangedWhileBackwardStillNeedsIt() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        w.mul(w).sum().backward();   // grad = 2w = [2, 4, 6]
        // The product saves w.grad() for backward; adding into it mid-pass would change what mul reads.
        Tensor loss = w.mul(w.grad()).sum().add(w.mul(10.0).sum());
        loss.backward();
        // d/dw = w.grad() as it was in the forward + 10, added onto [2, 4, 6].
        assertArrayEquals(new double[] {14, 18, 22}, w.grad().toArray(), 0.0);
    }

    @Test
    void aSeedThatIsALeafsGradientIsReadAsItWasPassed() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor v = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        w.add(v).backward(Tensor.of(new double[] {1, 1}));   // both grads [1, 1]
        // add hands the seed to both leaves: adding it into w's grad first must not change v's share.
        w.add(v).backward(w.grad());
        assertArrayEquals(new double[] {2, 2}, w.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {2, 2}, v.grad().toArray(), 0.0);
    }

    @Test
    void aHookReturningALeafsGradientHandsOnItsValueAtThatTime() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor v = Tensor.of(new double[] {5, 5}).requiresGrad(true);
        w.sum().backward();   // w.grad = [1, 1]
        Tensor h = w.mul(1.0).add(v.mul(0.0));
        h.registerHook(g -> w.grad());   // replaces h's gradient by w.grad(): [1, 1]
        h.mul(3.0).sum().backward();
        assertArrayEquals(new double[] {2, 2}, w.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0}, v.grad().toArray(), 0.0);
    }

    @Test
    void aCustomFunctionReturningALeafsGradientHandsOnItsValueAtThatTime() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor v = Tensor.of(new double[] {7, 7}).requiresGrad(true);
        w.sum().backward();   // w.grad = [1, 1]
        CustomFunction both = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].add(in[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gradOutput) {
                return new Tensor[] {w.grad(), w.grad()};
            }
        };
        both.apply(w, v).sum().backward();
        assertArrayEquals(new double[] {2, 2}, w.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {1, 1}, v.grad().toArray(), 0.0);
    }

    @Test
    void reluAndLogSoftmaxOverwriteOnlyGradientsNoOneElseHolds() {
        // backward may mask in place; Autograd.grad never does: both must agree exactly.
        Tensor x = Tensor.randn(rng, 16, 20);
        Tensor w1 = Tensor.randn(rng, 20, 12).requiresGrad(true);
        Tensor b1 = Tensor.randn(rng, 12).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, 12, 5).requiresGrad(true);
        Tensor probe = Tensor.randn(rng, 16, 5);
        Function<Void, Tensor> loss = v -> {
            Tensor h = x.linear(w1, b1).relu();
            // h feeds two consumers, so its gradient is a sum the engine made, then masked in place.
            return h.matmul(w2).logSoftmax(1).mul(probe).sum().add(h.relu().sum());
        };
        List<Tensor> expected = Autograd.grad(loss.apply(null), List.of(w1, b1, w2), false);
        assertSinkMatchesFreshPass(loss, w1, b1, w2);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected.get(i).toArray(), List.of(w1, b1, w2).get(i).grad().toArray(), 1e-13);
        }
    }

    @Test
    void aGradientSharedByTwoReluInputsIsNotMaskedInPlace() {
        Tensor x = Tensor.of(new double[] {1, -1}).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {-1, 1}).requiresGrad(true);
        x.relu().add(y.relu()).sum().backward();   // add hands one gradient tensor to both ReLUs
        assertArrayEquals(new double[] {1, 0}, x.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 1}, y.grad().toArray(), 0.0);
    }

    @Test
    void aBackwardThatFailsLeavesExistingGradientsAsTheyWere() {
        Tensor w = Tensor.randn(rng, 6, 4).requiresGrad(true);
        Tensor v = Tensor.randn(rng, 4, 3).requiresGrad(true);
        Tensor x = Tensor.randn(rng, 5, 6);
        x.matmul(w).matmul(v).sum().backward();
        double[] wBefore = w.grad().toArray(), vBefore = v.grad().toArray();
        Runnable unchanged = () -> {
            assertArrayEquals(wBefore, w.grad().toArray(), 0.0);
            assertArrayEquals(vBefore, v.grad().toArray(), 0.0);
        };

        // A saved tensor changed in place: the second matmul saved h, needed for v's gradient.
        Tensor h = x.matmul(w);
        Tensor loss = h.matmul(v).sum();
        h.mutableData()[0] += 1;
        assertThrows(IllegalStateException.class, loss::backward);
        unchanged.run();

        // A hook on an intermediate tensor that throws, after v's gradient was computed.
        Tensor h2 = x.matmul(w);
        h2.registerHook(g -> {
            throw new IllegalArgumentException("refused");
        });
        assertThrows(IllegalArgumentException.class, () -> h2.matmul(v).sum().backward());
        unchanged.run();

        // A hook on another leaf, which runs at the end of the pass.
        Tensor u = Tensor.of(new double[] {1.0}).requiresGrad(true);
        u.registerHook(g -> {
            throw new IllegalArgumentException("refused");
        });
        assertThrows(IllegalArgumentException.class, () -> x.matmul(w).matmul(v).sum().mul(u).sum().backward());
        unchanged.run();

        // A custom op whose backward throws, below v's matmul.
        CustomFunction failing = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].copy();
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gradOutput) {
                throw new ArithmeticException("refused");
            }
        };
        assertThrows(ArithmeticException.class, () -> failing.apply(x.matmul(w)).matmul(v).sum().backward());
        unchanged.run();
    }

    @Test
    void anOpMayNotBothAddIntoTheGradientAndReturnIt() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        w.sum().backward();
        Tensor out = Tensor.of(new double[] {0, 0});
        new Node("adds-and-returns", out, w) {
            @Override
            Tensor[] backward(Tensor grad) {
                gradientSink(0);
                return new Tensor[] {grad};
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.sum().backward());
        assertTrue(e.getMessage().contains("adds-and-returns"), e.getMessage());
    }

    @Test
    void aLinearLayersBackwardAllocatesNoWeightGradientOnceOneExists() {
        Tensor x = Tensor.randn(rng, 4, 512);
        Tensor w = Tensor.randn(rng, 512, 256).requiresGrad(true);   // a 1 MiB gradient
        Tensor b = Tensor.randn(rng, 256).requiresGrad(true);
        Runnable step = () -> {
            w.zeroGrad();
            b.zeroGrad();
            x.linear(w, b).sum().backward();
        };
        for (int i = 0; i < 200; i++) {
            step.run();
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int steps = 20;
        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        long perStep = (mx.getThreadAllocatedBytes(thread) - before) / steps;
        assertTrue(perStep < 64 * 1024, "a step allocated " + perStep + " bytes; the weight gradient alone is "
                + 512 * 256 * 8);
    }

    /**
     * Runs the loss's backward into fresh gradients (cleared leaves), then into existing ones
     * (zeroGrad), and checks both give the same values and that the second kept the same storage.
     */
    private static void assertSinkMatchesFreshPass(Function<Void, Tensor> loss, Tensor... leaves) {
        List<Tensor> params = List.of(leaves);
        params.forEach(Tensor::clearGrad);
        loss.apply(null).backward();
        double[][] fresh = params.stream().map(p -> p.grad().toArray()).toArray(double[][]::new);
        List<Tensor> kept = params.stream().map(Tensor::grad).toList();
        params.forEach(Tensor::zeroGrad);
        loss.apply(null).backward();
        for (int i = 0; i < leaves.length; i++) {
            assertSame(kept.get(i), leaves[i].grad(), "leaf " + i + " kept its gradient tensor");
            double[] got = leaves[i].grad().toArray();
            for (int j = 0; j < got.length; j++) {
                assertEquals(fresh[i][j], got[j], 1e-13 * (1 + Math.abs(fresh[i][j])), "leaf " + i + " element " + j);
            }
        }
    }
}
