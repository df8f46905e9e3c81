package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The fit loop: what it reports, that it clears gradients, and how it fails. */
class TrainerTest {

    /** y = 2 x0 − x1 + 0.5 on 40 points. */
    static Dataset line() {
        Tensor x = Tensor.randn(new MersenneTwister(1), 40, 2);
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            y[i] = 2 * x.get(i, 0) - x.get(i, 1) + 0.5;
        }
        return new Dataset(x, Tensor.of(y, 40), List.of());
    }

    @Test
    void reportsEveryStepAndEpochAndLearns() {
        Dense model = new Dense(2, 1, new MersenneTwister(2));
        List<TrainingListener.Step> steps = new ArrayList<>();
        List<TrainingListener.Epoch> epochs = new ArrayList<>();
        List<TrainingListener.Epoch> history = Trainer.builder(model)
                .loss((out, batch) -> Losses.mse(out, batch.yColumn()))
                .step(new PlainSgd(model.parameters(), 0.1))
                .epochs(30)
                .validation(line().batches(16))
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        steps.add(step);
                    }

                    @Override
                    public void onEpoch(Epoch epoch) {
                        epochs.add(epoch);
                    }
                })
                .build()
                .fit(line().batches(16, new MersenneTwister(3)));
        assertEquals(epochs, history);
        assertEquals(30 * 3, steps.size());
        assertEquals(new TrainingListener.Step(1, 3, steps.get(2).loss(), 8), steps.get(2));
        assertEquals(1, history.get(0).epoch());
        assertTrue(Double.isNaN(history.get(0).accuracy()), "no accuracy rule, NaN accuracy");
        double first = history.get(0).loss(), last = history.get(29).loss();
        assertTrue(last < 1e-4 * first, "loss " + first + " -> " + last);
        assertTrue(history.get(29).validationLoss() < 1e-4, "validation " + history.get(29).validationLoss());
        assertArrayEquals(new double[] {2, -1}, model.weight().data(), 1e-2);
        assertEquals(0.5, model.bias().data()[0], 1e-2);
    }

    @Test
    void epochLossIsTheExampleWeightedMeanOfBatchLosses() {
        Dense model = new Dense(2, 1, new MersenneTwister(2));
        List<TrainingListener.Step> steps = new ArrayList<>();
        TrainingListener.Epoch epoch = Trainer.builder(model)
                .loss((out, batch) -> Losses.mse(out, batch.yColumn()))
                .step(() -> { })
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        steps.add(step);
                    }
                })
                .build()
                .fit(line().batches(16)).get(0);
        double weighted = 0;
        for (TrainingListener.Step s : steps) {
            weighted += s.loss() * s.batchSize();
        }
        assertEquals(weighted / 40, epoch.loss(), 1e-12);
        // Without a step the parameters never change, so the epoch mean is the full-data loss.
        assertEquals(Losses.mse(model.forward(line().features()), line().targets().reshape(-1, 1)).item(),
                epoch.loss(), 1e-12);
    }

    @Test
    void gradientsAreClearedBeforeEveryBatch() {
        Dense model = new Dense(2, 1, new MersenneTwister(2));
        Dataset data = line();
        Trainer.builder(model).loss((out, batch) -> Losses.mse(out, batch.yColumn())).step(() -> { })
                .build().fit(data.batches(16));
        Tensor lastBatchGrad = model.weight().grad();
        model.zeroGrad();
        Batch last = data.rows(32, 33, 34, 35, 36, 37, 38, 39).batches(8).iterator().next();
        Losses.mse(model.forward(last.x()), last.yColumn()).backward();
        assertArrayEquals(model.weight().grad().data(), lastBatchGrad.data(), 1e-15);
    }

    @Test
    void accuracyAndEvaluationInEvalMode() {
        Dataset data = BatchesTest.indexed(30);
        Dropout drop = new Dropout(0.5, 1);
        Sequential model = new Sequential(new Dense(1, 3, new MersenneTwister(4)), drop);
        Trainer trainer = Trainer.builder(model)
                .loss((out, batch) -> Losses.crossEntropy(out, batch.labels()))
                .step(() -> { })
                .accuracy(Accuracy.argmax())
                .build();
        Trainer.Evaluation a = trainer.evaluate(data.batches(7)), b = trainer.evaluate(data.batches(30));
        assertEquals(a.loss(), b.loss(), 1e-12, "evaluation is deterministic: dropout is off");
        assertTrue(model.isTraining(), "the mode is restored");
        int[] predicted = model.eval().forward(data.features()).argmax(1);
        int correct = 0;
        for (int i = 0; i < 30; i++) {
            correct += predicted[i] == data.labels()[i] ? 1 : 0;
        }
        assertEquals(correct / 30.0, a.accuracy(), 1e-15);
        assertEquals(2, Accuracy.threshold(0.0).correct(Tensor.of(new double[] {-1, 2, 3}, 3, 1),
                new Batch(Tensor.zeros(3, 1), Tensor.of(new double[] {0, 1, 0}))));
    }

    @Test
    void nonFiniteAndNonScalarLossesStopWithClearErrors() {
        Dense model = new Dense(2, 1, new MersenneTwister(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.builder(model)
                .loss((out, batch) -> out.sum().log()).step(() -> { }).build()
                .fit(line().batches(8, new MersenneTwister(1))));
        assertTrue(e.getMessage().contains("epoch 1, step "), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Trainer.builder(model)
                .loss((out, batch) -> Losses.mse(out, batch.yColumn(), Reduction.NONE)).step(() -> { }).build()
                .fit(line().batches(8)));
        assertTrue(e.getMessage().contains("[8, 1]"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Trainer.builder(model).step(() -> { }).build());
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(model).epochs(0));
    }
}
