package io.jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.core.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The worker team behind {@link Parallel#forRange}: every index is visited exactly once, failures
 * on any range reach the caller, and concurrent or nested callers (who find the team busy and run
 * their loop whole) neither deadlock nor lose work.
 */
class ParallelTest {

    @Test
    void everyIndexExactlyOnceWithAlignedInnerBoundaries() {
        for (int n : new int[] {0, 1, 7, 8, 9, 100, 1001}) {
            for (int align : new int[] {1, 3, 8}) {
                int[] visits = new int[n];
                List<int[]> ranges = new ArrayList<>();
                Parallel.forRange(n, 4, align, (from, to) -> {
                    synchronized (ranges) {
                        ranges.add(new int[] {from, to});
                    }
                    for (int i = from; i < to; i++) {
                        visits[i]++;
                    }
                });
                int[] ones = new int[n];
                java.util.Arrays.fill(ones, 1);
                assertArrayEquals(ones, visits, "n=" + n + " align=" + align);
                for (int[] r : ranges) {
                    if (r[0] != 0) {
                        assertEquals(0, r[0] % align, "inner boundary " + r[0] + " for align " + align);
                    }
                }
            }
        }
    }

    @Test
    void theThreadsSettingDefaultsToEveryCoreAndRejectsNonsense() {
        assertEquals(6, Parallel.threads(null, 6));
        assertEquals(1, Parallel.threads("1", 6));
        assertEquals(3, Parallel.threads(" 3 ", 2));
        for (String bad : new String[] {"0", "-2", "two", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.threads(bad, 6));
            assertEquals("jgrad.threads must be a whole number from 1 up, got '" + bad
                    + "'; leave it unset to use every core (6 here)", e.getMessage());
        }
    }

    @Test
    void aFailureOnAnyRangeReachesTheCallerAndTheTeamStaysUsable() {
        for (int failing = 0; failing < Parallel.cores(); failing++) {
            int bad = failing;
            IllegalStateException boom = new IllegalStateException("range " + bad);
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> Parallel.forRange(
                    1000, Parallel.cores(), 1, (from, to) -> {
                        if (from == bad * (1000 / Parallel.cores())) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
        }
        AtomicInteger sum = new AtomicInteger();
        Parallel.forRange(1000, Parallel.cores(), 1, (from, to) -> sum.addAndGet(to - from));
        assertEquals(1000, sum.get());
    }

    @Test
    void nestedAndConcurrentCallersAllFinishWithEveryIndexVisited() throws Exception {
        List<Callable<Long>> jobs = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            jobs.add(() -> {
                long total = 0;
                for (int round = 0; round < 200; round++) {
                    AtomicInteger visited = new AtomicInteger();
                    Parallel.forRange(64, Parallel.cores(), 1, (from, to) ->
                            Parallel.forRange(to - from, Parallel.cores(), 1, (f, u) -> visited.addAndGet(u - f)));
                    total += visited.get();
                }
                return total;
            });
        }
        for (long total : Concurrently.run(jobs)) {
            assertEquals(64L * 200, total);
        }
    }
}
