package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Autograd.noGrad / enableGrad scopes: nesting, exceptions, and independence between threads. */
final class NoGradTest {
    /** Upper bound for a latch or future that should be released at once; a guard against hangs only. */
    private static final long HANG_GUARD_SECONDS = 30;

    @Test
    void nothingIsRecordedInsideNoGrad() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y;
        try (var scope = Autograd.noGrad()) {
            assertFalse(Autograd.isGradEnabled());
            y = w.mul(3.0).exp();
        }
        assertTrue(Autograd.isGradEnabled());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertEquals(Math.exp(3), y.get(0), 1e-12);
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void scopesNestAndRestoreTheEnclosingState() {
        Tensor w = Tensor.scalar(2).requiresGrad(true);
        try (var outer = Autograd.noGrad()) {
            try (var inner = Autograd.enableGrad()) {
                assertTrue(Autograd.isGradEnabled());
                assertTrue(w.mul(w).requiresGrad());
                try (var innermost = Autograd.noGrad()) {
                    assertFalse(w.mul(w).requiresGrad());
                }
                assertTrue(Autograd.isGradEnabled());
            }
            assertFalse(Autograd.isGradEnabled());
            assertFalse(w.mul(w).requiresGrad());
        }
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void closingAScopeTwiceRestoresOnlyOnce() {
        var outer = Autograd.noGrad();
        var inner = Autograd.noGrad();
        inner.close();
        inner.close();
        assertFalse(Autograd.isGradEnabled(), "the outer scope is still open");
        outer.close();
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void anExceptionInsideTheScopeStillRestoresRecording() {
        RuntimeException boom = new RuntimeException("boom");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
            try (var scope = Autograd.noGrad()) {
                throw boom;
            }
        });
        assertSame(boom, thrown);
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void noGradInOneThreadDoesNotAffectAnother() throws Exception {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        CountDownLatch otherInsideNoGrad = new CountDownLatch(1);
        CountDownLatch mainRecorded = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> otherStillOff = pool.submit(() -> {
                try (var scope = Autograd.noGrad()) {
                    otherInsideNoGrad.countDown();
                    if (!mainRecorded.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("main thread never recorded");
                    }
                    return !Autograd.isGradEnabled() && !w.mul(2.0).requiresGrad();
                }
            });
            assertTrue(otherInsideNoGrad.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
            // The other thread is inside noGrad right now; this thread still records.
            assertTrue(Autograd.isGradEnabled());
            Tensor y = w.mul(w).sum();
            assertTrue(y.requiresGrad());
            mainRecorded.countDown();
            assertTrue(otherStillOff.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
            y.backward();
            assertEquals(4.0, w.grad().get(1));

            // And the other way round: this thread in noGrad, a new thread records.
            try (var scope = Autograd.noGrad()) {
                Future<Boolean> records = pool.submit(() -> w.mul(w).requiresGrad());
                assertTrue(records.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
                assertFalse(w.mul(w).requiresGrad());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void graphsBuiltInParallelFromSharedParametersDoNotInterfere() throws Exception {
        Tensor w = Tensor.randn(new MersenneTwister(4), 3, 3).requiresGrad(true);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                double scale = t + 1;
                results.add(pool.submit(() -> {
                    boolean allRight = true;
                    for (int i = 0; i < 200; i++) {
                        // d/dw Σ tanh(scale·w) = scale·(1 − tanh²(scale·w)), computed independently per thread.
                        Tensor g = Autograd.grad(w.mul(scale).tanh().sum(), List.of(w), false).get(0);
                        for (int j = 0; j < 9; j++) {
                            double th = Math.tanh(scale * w.data()[j]);
                            allRight &= Math.abs(g.data()[j] - scale * (1 - th * th)) <= 1e-15 * scale;
                        }
                        try (var scope = Autograd.noGrad()) {
                            allRight &= !w.mul(2.0).requiresGrad();
                        }
                        allRight &= Autograd.isGradEnabled();
                    }
                    return allRight;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
            }
            assertNull(w.grad(), "Autograd.grad never touches .grad");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void backwardRunsWithoutRecordingAndRestoresTheCallersState() {
        Tensor w = Tensor.scalar(3).requiresGrad(true);
        w.pow(3.0).backward();
        assertTrue(w.grad().isLeaf(), "without createGraph the gradient is not recorded");
        assertFalse(w.grad().requiresGrad());
        assertTrue(Autograd.isGradEnabled());
        Tensor y = w.pow(2.0);
        try (var scope = Autograd.noGrad()) {
            y.backward();
            assertFalse(Autograd.isGradEnabled());
        }
        assertEquals(33.0, w.grad().item());
    }
}
