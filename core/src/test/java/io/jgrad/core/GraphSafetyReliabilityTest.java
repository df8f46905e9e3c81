package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Misuse of the graph, each with its exact message, in the situations where it happens in real
 * code: two losses sharing a subgraph, an optimizer step between forward and backward, a detached
 * branch, errors inside noGrad and inside backward, a hook that throws on a retained graph.
 */
final class GraphSafetyReliabilityTest {
    private static final String RELEASED = ": trying to backward through the graph a second time, but it was released"
            + " by the first backward; pass retainGraph = true to the first backward(...) call if you need to call it"
            + " again";

    private static Tensor leaf(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    @Test
    void aSecondLossThroughASubgraphTheFirstBackwardReleasedIsRefusedAndAddsNothing() {
        Tensor x = leaf(0.5, -1);
        Tensor h = x.exp();
        Tensor first = h.sum();
        Tensor second = h.mul(2.0).sum();
        first.backward();
        double[] afterFirst = x.grad().toArray();
        assertEquals("exp" + RELEASED, assertThrows(IllegalStateException.class, second::backward).getMessage());
        assertArrayEquals(afterFirst, x.grad().toArray(), 0.0);

        Tensor y = leaf(0.5, -1);
        Tensor g = y.exp();
        g.sum().backward(Tensor.scalar(1), true);
        g.mul(2.0).sum().backward();
        assertArrayEquals(new double[] {3 * Math.exp(0.5), 3 * Math.exp(-1)}, y.grad().toArray(), 1e-15,
                "with retainGraph the shared part serves both losses");
    }

    @Test
    void retainGraphKeepsItForExactlyOneMorePassWithoutIt() {
        Tensor x = leaf(2);
        Tensor loss = x.mul(x).sum();
        loss.backward(Tensor.scalar(1), true);
        loss.backward(Tensor.scalar(1), false);
        assertEquals("sum" + RELEASED, assertThrows(IllegalStateException.class, loss::backward).getMessage());
        assertEquals(8.0, x.grad().item());
        assertEquals("sum" + RELEASED, assertThrows(IllegalStateException.class,
                () -> Autograd.grad(loss, List.of(x), false)).getMessage());
    }

    @Test
    void anInPlaceStepIsRefusedExactlyWhenTheGradientWouldNeedTheOldValues() {
        // x · W with only W trainable: dW = xᵀ·g needs x, not W, so changing W before backward is harmless.
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = Tensor.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2).requiresGrad(true);
        Tensor loss = x.matmul(w).sum();
        w.mutableData()[0] = 100;
        loss.backward();
        assertArrayEquals(new double[] {5, 5, 7, 7, 9, 9}, w.grad().toArray(), 0.0);

        // With x trainable too, dx = g·Wᵀ needs W: the same step now makes backward refuse.
        Tensor xt = x.copy().requiresGrad(true);
        Tensor w2 = w.copy().requiresGrad(true);
        Tensor loss2 = xt.matmul(w2).sum();
        w2.mutableData()[0] = 101;
        assertEquals("matmul: a tensor of shape [3, 2] that this op saved for backward was modified in place (version 0"
                + " when saved, 1 now), so its gradient would be wrong; modify a copy instead, or modify it only after"
                + " backward", assertThrows(IllegalStateException.class, loss2::backward).getMessage());
        assertNull(xt.grad());
        assertNull(w2.grad());
    }

    @Test
    void changingAGradientInPlaceIsNotChangingASavedTensor() {
        Tensor w = leaf(1, 2);
        w.mul(w).sum().backward(Tensor.scalar(1), false);
        Tensor loss = w.mul(w).sum();
        w.grad().mutableData()[0] = 0;
        w.zeroGrad();
        loss.backward();
        assertArrayEquals(new double[] {2, 4}, w.grad().toArray(), 0.0);
    }

    @Test
    void noGradientFlowsIntoADetachedTensorOrThroughIt() {
        Tensor x = leaf(3);
        Tensor d = x.detach();
        Tensor y = d.mul(d).add(x);
        y.backward();
        assertEquals(1.0, x.grad().item(), "only the + x path");
        assertNull(d.grad());
        assertFalse(d.requiresGrad());

        Tensor branch = x.detach().requiresGrad(true);
        Tensor z = branch.mul(branch).add(x.mul(5.0));
        assertEquals(List.of(6.0, 5.0), Autograd.grad(z, List.of(branch, x), false).stream().map(Tensor::item).toList());
        assertEquals(List.of(0.0), Autograd.grad(d.mul(2.0).add(x.mul(0.0)).add(Tensor.scalar(1)).mul(branch),
                List.of(x), false).stream().map(Tensor::item).toList(), "x reaches the output only through 0·x");
    }

    @Test
    void aFailingOpInsideNoGradLeavesTheScopeInChargeAndRestoresOnClose() {
        Tensor w = leaf(1, 2);
        try (var outer = Autograd.noGrad()) {
            assertThrows(IllegalArgumentException.class, () -> w.add(Tensor.ones(3)));
            assertFalse(Autograd.isGradEnabled(), "the failed op changed nothing");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                try (var inner = Autograd.enableGrad()) {
                    w.matmul(Tensor.ones(5));
                }
            });
            assertTrue(e.getMessage().startsWith("matmul: shapes [2] and [5]"), e.getMessage());
            assertFalse(Autograd.isGradEnabled(), "the inner scope closed during the exception");
            assertFalse(w.mul(2.0).requiresGrad());
        }
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void aBackwardThatThrowsInsideNoGradLeavesRecordingOff() {
        Tensor w = leaf(1, 2);
        Tensor loss = w.exp().sum();
        IllegalStateException boom = new IllegalStateException("hook refused");
        w.registerHook(g -> {
            throw boom;
        });
        try (var scope = Autograd.noGrad()) {
            assertSame(boom, assertThrows(IllegalStateException.class, loss::backward));
            assertFalse(Autograd.isGradEnabled());
            Tensor again = w.mul(w).sum();
            assertFalse(again.requiresGrad());
        }
        assertTrue(Autograd.isGradEnabled());
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Autograd.grad(w.exp().sum(), List.of(w), true)));
        assertTrue(Autograd.isGradEnabled(), "a failed createGraph pass restores recording");
    }

    @Test
    void aRetainedGraphSurvivesAThrowingHookAndGivesTheRightGradientsOnceTheHookIsGone() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(3.0);
        Tensor loss = h.tanh().sum();
        IllegalArgumentException boom = new IllegalArgumentException("bad gradient");
        Tensor.HookHandle handle = h.registerHook(g -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> loss.backward(Tensor.scalar(1), true)));
        assertNull(x.grad(), "nothing was accumulated by the failed pass");
        handle.remove();
        loss.backward();
        double t1 = Math.tanh(3), t2 = Math.tanh(6);
        assertArrayEquals(new double[] {3 * (1 - t1 * t1), 3 * (1 - t2 * t2)}, x.grad().toArray(), 1e-15,
                "exactly one pass worth of gradient");
    }
}
