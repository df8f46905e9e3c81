package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Large graphs (no recursion, no stack overflow) and release of saved state after backward. */
final class GraphLifetimeTest {

    @Test
    void backwardThroughAMillionNodeChainNeedsNoDeepStack() {
        // Multipliers whose running product is exact (powers of two), so the gradient is exactly 1.
        // The constants are shared tensors so that the graph holds only its 1,000,000 nodes.
        double[] factors = {2.0, 0.5, -1.0, -1.0};
        Tensor[] c = new Tensor[factors.length];
        for (int i = 0; i < factors.length; i++) {
            c[i] = Tensor.scalar(factors[i]);
        }
        Tensor[] d = {Tensor.scalar(-1.0), Tensor.scalar(0.0), Tensor.scalar(1.0)};
        Tensor x = Tensor.scalar(0.75).requiresGrad(true);
        Tensor y = x;
        double expected = 0.75;
        for (int i = 0; i < 500_000; i++) {
            y = y.mul(c[i % 4]).add(d[i % 3]);
            expected = expected * factors[i % 4] + d[i % 3].item();
        }
        assertEquals(expected, y.item());
        y.backward();
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void backwardThroughAHundredThousandWayFanIn() {
        // One intermediate feeds 100,000 products that are summed as a balanced tree.
        Tensor x = Tensor.scalar(0.3).requiresGrad(true);
        Tensor t = x.tanh();
        List<Tensor> terms = new ArrayList<>();
        long coefficientSum = 0;
        for (int i = 0; i < 100_000; i++) {
            terms.add(t.mul(i % 5));
            coefficientSum += i % 5;
        }
        while (terms.size() > 1) {
            List<Tensor> next = new ArrayList<>((terms.size() + 1) / 2);
            for (int i = 0; i + 1 < terms.size(); i += 2) {
                next.add(terms.get(i).add(terms.get(i + 1)));
            }
            if (terms.size() % 2 == 1) {
                next.add(terms.get(terms.size() - 1));
            }
            terms = next;
        }
        Tensor total = terms.get(0);
        assertEquals(coefficientSum * Math.tanh(0.3), total.item(), 1e-9);
        total.backward();
        double slope = 1 - Math.tanh(0.3) * Math.tanh(0.3);
        assertEquals(coefficientSum * slope, x.grad().item(), 1e-15 * coefficientSum);
    }

    @Test
    void savedIntermediatesAreFreedByBackwardEvenWhileTheRootIsReferenced() {
        Tensor x = Tensor.of(new double[] {0.5, -1.5}).requiresGrad(true);
        Tensor[] root = new Tensor[1];
        WeakReference<Tensor> saved = buildGraphKeepingOnlyAWeakReference(x, root);

        root[0].backward(Tensor.scalar(1.0), true);
        System.gc();
        assertNotNull(saved.get(), "with retainGraph the saved intermediate must stay alive");

        root[0].backward();
        assertCollected(saved);
        assertNotNull(root[0]);
        // Two backward passes of d/dx ½Σe^{4x} = 2e^{4x}.
        assertArrayEquals(new double[] {4 * Math.exp(2), 4 * Math.exp(-6)}, x.grad().toArray(), 1e-14);
    }

    /**
     * Builds loss = sum(e·e) with e = exp(2x), which exp and mul both save, and returns a weak
     * reference to e; the root goes into {@code root} so the caller keeps the whole graph alive.
     */
    private static WeakReference<Tensor> buildGraphKeepingOnlyAWeakReference(Tensor x, Tensor[] root) {
        Tensor e = x.mul(2.0).exp();
        root[0] = e.mul(e).sum().mul(0.5);
        return new WeakReference<>(e);
    }

    /** Collects garbage until the referent is gone (a full GC normally suffices; bounded retries). */
    private static void assertCollected(WeakReference<?> ref) {
        for (int attempt = 0; attempt < 20 && ref.get() != null; attempt++) {
            // Allocation pressure makes collectors that treat System.gc() as a hint run anyway.
            byte[][] pressure = new byte[64][];
            for (int i = 0; i < pressure.length; i++) {
                pressure[i] = new byte[1 << 16];
            }
            System.gc();
        }
        assertNull(ref.get(), "the saved intermediate tensor is still reachable after backward");
    }
}
