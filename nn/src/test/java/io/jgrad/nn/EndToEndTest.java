package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * Real training on the shared data sets with a fixed seed: standardise on the training split, train
 * with plain SGD through {@link Trainer}, measure accuracy on the held-out split.
 */
class EndToEndTest {

    private static Dataset.Split standardizedSplit(String file, long seed) throws IOException {
        Dataset.Split split = Csv.readDataset(DataTest.data(file)).split(0.2, new MersenneTwister(seed));
        Standardizer s = Standardizer.fit(split.train().features());
        return new Dataset.Split(s.transform(split.train()), s.transform(split.test()));
    }

    @Test
    void mlpOnDigitsReaches95Percent() throws IOException {
        Dataset.Split data = standardizedSplit("digits.csv.gz", 1);
        MersenneTwister rng = new MersenneTwister(2);
        Sequential model = new Sequential(new Dense(64, 64, rng), new ReLU(), new Dense(64, 10, rng));
        Trainer trainer = Trainer.builder(model)
                .loss((out, batch) -> Losses.crossEntropy(out, batch.labels()))
                .step(new PlainSgd(model.parameters(), 0.1))
                .epochs(15)
                .accuracy(Accuracy.argmax())
                .build();
        List<TrainingListener.Epoch> history = trainer.fit(data.train().batches(32, rng));
        double test = trainer.evaluate(data.test().batches(512)).accuracy();
        assertTrue(test >= 0.95, "digits test accuracy " + test + ", history " + history);
    }

    @Test
    void logisticRegressionOnBreastCancerReaches95Percent() throws IOException {
        Dataset.Split data = standardizedSplit("breast_cancer.csv", 3);
        Dense model = new Dense(30, 1, new MersenneTwister(4));
        Trainer trainer = Trainer.builder(model)
                .loss((out, batch) -> Losses.bceWithLogits(out, batch.yColumn())
                        .add(Losses.l2(List.of(model.weight()), 1e-3)))
                .step(new PlainSgd(model.parameters(), 0.1))
                .epochs(30)
                .accuracy(Accuracy.threshold(0.0))
                .build();
        List<TrainingListener.Epoch> history = trainer.fit(data.train().batches(32, new MersenneTwister(5)));
        double test = trainer.evaluate(data.test().batches(512)).accuracy();
        assertTrue(test >= 0.95, "breast cancer test accuracy " + test + ", history " + history);
    }
}
