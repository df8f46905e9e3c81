package io.jgrad.nn;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The mini-batches of a {@link Dataset}: each {@link #iterator()} is one epoch. With a generator the
 * rows are reshuffled at the start of every epoch (the same seed gives the same sequence of epochs);
 * without one they come in stored order. The last batch of an epoch is smaller when the batch size
 * does not divide the number of examples.
 */
public final class Batches implements Iterable<Batch> {
    private final Dataset data;
    private final int batchSize;
    private final RandomGenerator rng;

    Batches(Dataset data, int batchSize, RandomGenerator rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batches: batchSize must be at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.rng = rng;
    }

    /** Batches per epoch. */
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** Number of examples per epoch. */
    public int examples() {
        return data.size();
    }

    /** One epoch; with a generator, a new order drawn from it. */
    @Override
    public Iterator<Batch> iterator() {
        int n = data.size();
        int[] order = rng == null ? identity(n) : Dataset.permutation(n, rng);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Batch next() {
                if (next >= n) {
                    throw new NoSuchElementException("batches: the epoch is over; call iterator() for the next one");
                }
                int end = Math.min(n, next + batchSize);
                int[] rows = java.util.Arrays.copyOfRange(order, next, end);
                next = end;
                return new Batch(data.features().indexSelect(0, rows), data.targets().indexSelect(0, rows));
            }
        };
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
