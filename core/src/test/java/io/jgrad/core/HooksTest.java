package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tensor hooks: seeing, replacing and removing the gradient flowing into leaves and intermediates. */
final class HooksTest {

    @Test
    void aLeafHookSeesTheSummedGradientOnce() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        List<double[]> seen = new ArrayList<>();
        x.registerHook(g -> {
            seen.add(g.toArray());
            return null;
        });
        x.mul(x).add(x).sum().backward();
        assertEquals(1, seen.size());
        assertArrayEquals(new double[] {3, 5}, seen.get(0));
        assertArrayEquals(new double[] {3, 5}, x.grad().toArray());
    }

    @Test
    void aLeafHookCanReplaceTheGradientAndBeRemoved() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor.HookHandle half = x.registerHook(g -> g.mul(0.5));
        x.registerHook(g -> g.add(1.0));
        x.mul(4.0).sum().backward();
        assertArrayEquals(new double[] {3, 3}, x.grad().toArray(), "hooks run in order: 4·½ + 1");
        half.remove();
        x.zeroGrad();
        x.mul(4.0).sum().backward();
        assertArrayEquals(new double[] {5, 5}, x.grad().toArray());
    }

    @Test
    void aHookOnAnIntermediateChangesWhatFlowsFurther() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(2.0);
        List<double[]> seen = new ArrayList<>();
        Tensor.HookHandle h = y.registerHook(g -> {
            seen.add(g.toArray());
            return g.mul(10.0);
        });
        y.mul(y).sum().backward(Tensor.scalar(1.0), true);
        assertArrayEquals(new double[] {4, 8}, seen.get(0), "dL/dy = 2y");
        assertArrayEquals(new double[] {80, 160}, x.grad().toArray(), "10·2y·2");
        assertNull(y.grad(), "an intermediate keeps no .grad");

        h.remove();
        x.zeroGrad();
        y.mul(y).sum().backward();
        assertArrayEquals(new double[] {8, 16}, x.grad().toArray());
        assertEquals(1, seen.size());
    }

    @Test
    void aHookOnTheRootSeesTheSeed() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(3.0);
        y.registerHook(g -> g.mul(2.0));
        y.backward(Tensor.of(new double[] {1, 10}));
        assertArrayEquals(new double[] {6, 60}, x.grad().toArray());
    }

    @Test
    void hooksAlsoRunForAutogradGrad() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        x.registerHook(g -> g.neg());
        assertEquals(-6.0, Autograd.grad(x.mul(x), List.of(x), false).get(0).item());
        assertNull(x.grad());
    }

    @Test
    void aThrowingHookPropagatesAndLeavesTheEngineUsable() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.exp();
        IllegalArgumentException boom = new IllegalArgumentException("hook failed");
        Tensor.HookHandle h = y.registerHook(g -> {
            throw boom;
        });
        Tensor loss = y.sum();
        assertSame(boom, assertThrows(IllegalArgumentException.class, loss::backward));
        assertNull(x.grad());
        assertTrue(Autograd.isGradEnabled(), "recording is back on after the failed backward");
        assertTrue(x.mul(x).requiresGrad());

        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor.HookHandle lh = w.registerHook(g -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> w.sum().backward()));
        lh.remove();
        w.mul(3.0).sum().backward();
        assertArrayEquals(new double[] {3, 3}, w.grad().toArray());

        h.remove();
        Tensor fresh = x.exp().sum();
        fresh.backward();
        assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, x.grad().toArray(), 1e-15);
    }

    @Test
    void aHookMustKeepTheShape() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        x.registerHook(g -> g.sum());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2.0).sum().backward());
        assertEquals("hook: returned a gradient of shape [] in place of one of shape [2]; a hook must keep the shape",
                e.getMessage());
    }

    @Test
    void aHookNeedsATensorThatRequiresGrad() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Tensor.zeros(2, 2).registerHook(g -> g));
        assertEquals("registerHook: tensor of shape [2, 2] does not require grad, so no gradient will ever flow"
                + " into it", e.getMessage());
    }
}
