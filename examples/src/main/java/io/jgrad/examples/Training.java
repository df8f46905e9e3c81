package io.jgrad.examples;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Accuracy;
import io.jgrad.nn.Batch;
import io.jgrad.nn.Dataset;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.Trainer;
import io.jgrad.nn.TrainingListener;
import java.util.Locale;
import java.util.function.BiFunction;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The training runs of the tutorials that compare models: nn's {@link Trainer} does the mini-batch
 * loop, and after every epoch the whole training and test sets are measured in evaluation mode
 * (dropout off, nothing recorded), so every curve is a true "loss after epoch e", comparable across
 * batch sizes and regularisers.
 */
final class Training {
    private Training() {
    }

    /**
     * One run's measurements, index 0 before training and index e after epoch e.
     *
     * @param steps optimiser steps taken in all (one per mini-batch)
     */
    record Curves(double[] trainLoss, double[] trainAccuracy, double[] testLoss, double[] testAccuracy, long steps) {
        int epochs() {
            return trainLoss.length - 1;
        }

        double finalTrainLoss() {
            return trainLoss[epochs()];
        }

        double finalTrainAccuracy() {
            return trainAccuracy[epochs()];
        }

        double finalTestAccuracy() {
            return testAccuracy[epochs()];
        }

        /** Training accuracy minus test accuracy after the last epoch: how much the model over-fits. */
        double finalGap() {
            return finalTrainAccuracy() - finalTestAccuracy();
        }
    }

    /** A full loss and accuracy measurement of one data set. */
    record Measurement(double loss, double accuracy) {
    }

    /**
     * Trains {@code model} for {@code epochs} passes over {@code train} in mini-batches of
     * {@code batchSize} (reshuffled each epoch from {@code shuffle}), with a progress bar named
     * {@code task}, and measures cross-entropy and arg-max accuracy of both sets after every epoch.
     *
     * @param lossFunction the training objective for a batch (cross-entropy, perhaps plus a penalty)
     * @param step         the optimiser's step, called after each backward
     */
    static Curves fit(RunContext ctx, String task, Layer model, BiFunction<Tensor, Batch, Tensor> lossFunction,
                      Runnable step, Dataset train, Dataset test, int batchSize, int epochs,
                      RandomGenerator shuffle) {
        double[][] curves = new double[4][epochs + 1];
        record(curves, 0, model, train, test);
        long[] steps = {0};
        try (Progress bar = ctx.progress(task, epochs)) {
            Trainer trainer = Trainer.builder(model)
                    .loss(lossFunction)
                    .step(step)
                    .epochs(epochs)
                    .listener(new TrainingListener() {
                        @Override
                        public void onStep(Step s) {
                            steps[0]++;
                        }

                        @Override
                        public void onEpoch(Epoch e) {
                            record(curves, e.epoch(), model, train, test);
                            bar.step(String.format(Locale.ROOT, "loss %.4f", curves[0][e.epoch()]));
                        }
                    })
                    .build();
            trainer.fit(train.batches(batchSize, shuffle));
        }
        return new Curves(curves[0], curves[1], curves[2], curves[3], steps[0]);
    }

    /** Cross-entropy and accuracy of {@code model} on all of {@code data}, in evaluation mode. */
    static Measurement measure(Layer model, Dataset data) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var scope = Autograd.noGrad()) {
            Tensor logits = model.forward(data.features());
            double loss = Losses.crossEntropy(logits, data.labels()).item();
            int correct = Accuracy.argmax().correct(logits, new Batch(data.features(), data.targets()));
            return new Measurement(loss, (double) correct / data.size());
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
    }

    /**
     * The probability of class 1 that a two-class model (two logits per row) gives each row of
     * {@code x}, computed in evaluation mode without recording; the model's mode is restored.
     */
    static double[] probabilityOfClass1(Layer model, Tensor x) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var scope = Autograd.noGrad()) {
            Tensor p = model.forward(x).softmax(1);
            double[] out = new double[p.shape().dim(0)];
            for (int i = 0; i < out.length; i++) {
                out[i] = p.get(i, 1);
            }
            return out;
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
    }

    private static void record(double[][] curves, int epoch, Layer model, Dataset train, Dataset test) {
        Measurement tr = measure(model, train);
        Measurement te = measure(model, test);
        curves[0][epoch] = tr.loss();
        curves[1][epoch] = tr.accuracy();
        curves[2][epoch] = te.loss();
        curves[3][epoch] = te.accuracy();
    }

    /** The x values 0, 1, ..., n of a curve with n + 1 points (epoch 0 is before training). */
    static double[] epochAxis(int points) {
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = i;
        }
        return x;
    }
}
