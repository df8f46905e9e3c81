package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.core.Concurrently;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Eight threads each train their own classifier (Dense, Tanh, Dropout, Dense; cross-entropy;
 * shuffled mini-batches; the Trainer with a plain SGD step) at the same time: every epoch's losses
 * and accuracies and every final parameter are bit-identical to the same trainings run one after
 * another. Each model draws from its own seeded generators, never from Init.defaultGenerator().
 */
final class ThreadsReliabilityTest {
    private static final int THREADS = 8;

    /** The epoch summaries and the final parameters of one training run from {@code seed}. */
    private static Result train(long seed) {
        RandomGenerator rng = new MersenneTwister(seed);
        Tensor features = Tensor.randn(rng, 200, 16);
        double[] labels = new double[200];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = features.get(i, 0) + features.get(i, 1) > 0 ? 1 : features.get(i, 2) > 0.5 ? 2 : 0;
        }
        Dataset data = new Dataset(features, Tensor.of(labels), List.of("a", "b", "c"));
        Sequential model = new Sequential(new Dense(16, 32, rng), new Tanh(), new Dropout(0.1, rng),
                new Dense(32, 3, rng));
        Trainer trainer = Trainer.builder(model)
                .loss((out, batch) -> Losses.crossEntropy(out, batch.labels()))
                .step(new PlainSgd(model.parameters(), 0.2))
                .epochs(4)
                .accuracy(Accuracy.argmax())
                .validation(data.batches(50))
                .build();
        List<TrainingListener.Epoch> history = trainer.fit(data.batches(16, rng));
        return new Result(history, model.stateDict());
    }

    private record Result(List<TrainingListener.Epoch> history, Map<String, Tensor> parameters) {
    }

    @Test
    void eightConcurrentTrainingsEqualTheSameTrainingsInSequenceBitForBit() throws Exception {
        List<Callable<Result>> jobs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = 2000 + t;
            jobs.add(() -> train(seed));
        }
        List<Result> concurrent = Concurrently.run(jobs);
        List<Result> sequential = Concurrently.sequentially(jobs);
        for (int t = 0; t < THREADS; t++) {
            Result expected = sequential.get(t), actual = concurrent.get(t);
            assertEquals(expected.history(), actual.history(), "thread " + t + ": epoch summaries");
            for (String name : expected.parameters().keySet()) {
                assertArrayEquals(expected.parameters().get(name).data(), actual.parameters().get(name).data(), 0.0,
                        "thread " + t + ": " + name);
            }
        }
    }
}
