package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Seeded splits and mini-batches: complete, disjoint, reproducible, reshuffled each epoch. */
class BatchesTest {

    /** n examples whose single feature is the row index and whose label is index mod 3. */
    static Dataset indexed(int n) {
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 3;
        }
        return new Dataset(Tensor.of(x, n, 1), Tensor.of(y, n), List.of("a", "b", "c"));
    }

    /** The row indices of one epoch, batch by batch. */
    static List<int[]> epoch(Iterable<Batch> batches) {
        List<int[]> out = new ArrayList<>();
        for (Batch b : batches) {
            double[] x = b.x().data();
            int[] rows = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                rows[i] = (int) x[i];
                assertEquals(rows[i] % 3, b.labels()[i], "labels stay with their rows");
            }
            out.add(rows);
        }
        return out;
    }

    @Property(tries = 50)
    void everyEpochIsAPermutationInBatchesOfTheRightSize(@ForAll @IntRange(min = 1, max = 60) int n,
            @ForAll @IntRange(min = 1, max = 20) int batchSize, @ForAll long seed) {
        Batches batches = indexed(n).batches(batchSize, new MersenneTwister(seed));
        for (int e = 0; e < 2; e++) {
            List<int[]> epoch = epoch(batches);
            assertEquals(batches.count(), epoch.size());
            int[] all = epoch.stream().flatMapToInt(Arrays::stream).sorted().toArray();
            assertArrayEquals(java.util.stream.IntStream.range(0, n).toArray(), all);
            for (int b = 0; b < epoch.size() - 1; b++) {
                assertEquals(batchSize, epoch.get(b).length);
            }
            assertEquals(n - (epoch.size() - 1) * batchSize, epoch.get(epoch.size() - 1).length);
        }
    }

    @Test
    void sameSeedSameEpochsAndEachEpochReshuffles() {
        Dataset d = indexed(100);
        Batches a = d.batches(16, new MersenneTwister(7)), b = d.batches(16, new MersenneTwister(7));
        List<int[]> a1 = epoch(a), a2 = epoch(a), b1 = epoch(b), b2 = epoch(b);
        assertArrayEquals(a1.toArray(), b1.toArray());
        assertArrayEquals(a2.toArray(), b2.toArray());
        assertFalse(Arrays.equals(a1.get(0), a2.get(0)), "the second epoch has a new order");
        assertFalse(Arrays.equals(a1.get(0), epoch(d.batches(16, new MersenneTwister(8))).get(0)));
        List<int[]> ordered = epoch(d.batches(40));
        assertArrayEquals(java.util.stream.IntStream.range(0, 40).toArray(), ordered.get(0));
        assertEquals(20, ordered.get(2).length);
        assertThrows(IllegalArgumentException.class, () -> d.batches(0));
    }

    @Test
    void batchGivesLabelsAndAColumnOfTargets() {
        Batch b = indexed(4).batches(4).iterator().next();
        assertArrayEquals(new int[] {0, 1, 2, 0}, b.labels());
        assertEquals(io.jgrad.core.Shape.of(4, 1), b.yColumn().shape());
        assertFalse(b.x().requiresGrad());
        Batch regression = new Batch(Tensor.zeros(1, 1), Tensor.of(new double[] {0.5}));
        assertThrows(IllegalStateException.class, regression::labels);
    }

    @Test
    void splitIsSeededCompleteAndDisjoint() {
        Dataset d = indexed(50);
        Dataset.Split s = d.split(0.2, new MersenneTwister(3));
        assertEquals(10, s.test().size());
        assertEquals(40, s.train().size());
        int[] all = java.util.stream.DoubleStream.concat(Arrays.stream(s.train().features().data()),
                Arrays.stream(s.test().features().data())).mapToInt(v -> (int) v).sorted().toArray();
        assertArrayEquals(java.util.stream.IntStream.range(0, 50).toArray(), all);
        assertArrayEquals(s.test().features().data(), d.split(0.2, new MersenneTwister(3)).test().features().data(), 0);
        assertEquals(d.classNames(), s.train().classNames());
        assertThrows(IllegalArgumentException.class, () -> d.split(0.0, new MersenneTwister(1)));
        assertThrows(IllegalArgumentException.class, () -> d.split(0.999, new MersenneTwister(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset(Tensor.zeros(3, 2), Tensor.zeros(2), List.of()));
    }
}
