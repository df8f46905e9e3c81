package io.jgrad.nn;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The usual mini-batch training loop, written once: for each epoch and each batch, clear the
 * gradients, run the model, compute the loss, backward, then call the step action (typically an
 * optimizer's {@code step}); report to a {@link TrainingListener}; optionally evaluate validation
 * batches after each epoch.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model)
 *         .loss((out, batch) -> Losses.crossEntropy(out, batch.labels()))
 *         .step(optimizer::step)
 *         .epochs(20)
 *         .accuracy(Accuracy.argmax())
 *         .validation(test.batches(256))
 *         .listener(new TrainingListener() {
 *             public void onEpoch(Epoch e) { System.out.println(e); }
 *         })
 *         .build();
 * List<TrainingListener.Epoch> history = trainer.fit(train.batches(32, new MersenneTwister(1)));
 * }</pre>
 * The step action is a plain {@link Runnable}, so {@code nn} does not depend on {@code optim}; the
 * trainer clears the model's gradients itself before every batch.
 */
public final class Trainer {
    private final Layer model;
    private final BiFunction<Tensor, Batch, Tensor> loss;
    private final Runnable step;
    private final int epochs;
    private final Accuracy accuracy;
    private final Iterable<Batch> validation;
    private final TrainingListener listener;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = Objects.requireNonNull(b.loss, "Trainer: set loss(...) before build()");
        this.step = Objects.requireNonNull(b.step, "Trainer: set step(...) before build()");
        this.epochs = b.epochs;
        this.accuracy = b.accuracy;
        this.validation = b.validation;
        this.listener = b.listener;
    }

    public static Builder builder(Layer model) {
        return new Builder(model);
    }

    /** Options of a {@link Trainer}; loss and step are required. */
    public static final class Builder {
        private final Layer model;
        private BiFunction<Tensor, Batch, Tensor> loss;
        private Runnable step;
        private int epochs = 1;
        private Accuracy accuracy;
        private Iterable<Batch> validation;
        private TrainingListener listener = new TrainingListener() { };

        private Builder(Layer model) {
            this.model = Objects.requireNonNull(model, "Trainer.builder: model is null");
        }

        /** The loss of a batch given the model's output for it; must be a one-element tensor. */
        public Builder loss(BiFunction<Tensor, Batch, Tensor> lossFunction) {
            this.loss = Objects.requireNonNull(lossFunction, "Trainer.loss: lossFunction is null");
            return this;
        }

        /** Called after each backward to update the parameters, e.g. {@code optimizer::step}. */
        public Builder step(Runnable stepAction) {
            this.step = Objects.requireNonNull(stepAction, "Trainer.step: stepAction is null");
            return this;
        }

        /** Passes over the batches (default 1). */
        public Builder epochs(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("Trainer.epochs: need at least 1, got " + count);
            }
            this.epochs = count;
            return this;
        }

        /** How to count correct predictions; without it accuracies are NaN. */
        public Builder accuracy(Accuracy rule) {
            this.accuracy = Objects.requireNonNull(rule, "Trainer.accuracy: rule is null; leave accuracy unset for none");
            return this;
        }

        /** Batches evaluated (evaluation mode, no recording) after every epoch. */
        public Builder validation(Iterable<Batch> batches) {
            this.validation = Objects.requireNonNull(batches, "Trainer.validation: batches is null; leave it unset for none");
            return this;
        }

        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "Trainer.listener: listener is null");
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }

    /** Loss and accuracy over some batches (accuracy NaN without an {@link Accuracy} rule). */
    public record Evaluation(double loss, double accuracy) {
    }

    /**
     * Trains in training mode for the configured epochs, each a pass over {@code batches} (one
     * {@code iterator()} per epoch, so shuffling {@link Batches} reshuffle), and returns every
     * epoch's summary. A non-finite loss stops training with an {@link IllegalStateException}.
     */
    public List<TrainingListener.Epoch> fit(Iterable<Batch> batches) {
        Objects.requireNonNull(batches, "Trainer.fit: batches is null");
        List<TrainingListener.Epoch> history = new ArrayList<>(epochs);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.train();
            double lossSum = 0;
            long examples = 0, correct = 0;
            int stepIndex = 0;
            for (Batch batch : batches) {
                stepIndex++;
                model.zeroGrad();
                Tensor out = model.forward(batch.x());
                double value = backwardAndStep(out, batch, epoch, stepIndex);
                lossSum += value * batch.size();
                examples += batch.size();
                if (accuracy != null) {
                    correct += accuracy.correct(out, batch);
                }
                listener.onStep(new TrainingListener.Step(epoch, stepIndex, value, batch.size()));
            }
            if (examples == 0) {
                throw new IllegalArgumentException("Trainer.fit: the batches are empty; nothing to train on");
            }
            Evaluation val = validation == null ? new Evaluation(Double.NaN, Double.NaN) : evaluate(validation);
            TrainingListener.Epoch summary = new TrainingListener.Epoch(epoch, lossSum / examples,
                    accuracy == null ? Double.NaN : (double) correct / examples, val.loss(), val.accuracy());
            history.add(summary);
            listener.onEpoch(summary);
        }
        return List.copyOf(history);
    }

    /** Computes the batch loss from the model's output, backpropagates it and steps; returns its value. */
    private double backwardAndStep(Tensor out, Batch batch, int epoch, int stepIndex) {
        Tensor l = loss.apply(out, batch);
        if (l.size() != 1) {
            throw new IllegalStateException("Trainer: the loss function returned shape " + l.shape()
                    + "; it must return one value (use a MEAN or SUM reduction)");
        }
        double value = l.item();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("Trainer: the loss is " + value + " at epoch " + epoch + ", step "
                    + stepIndex + "; lower the learning rate or check the data (Autograd.detectAnomaly(true) helps)");
        }
        l.backward();
        step.run();
        return value;
    }

    /**
     * Mean loss and accuracy of the model over {@code batches}, in evaluation mode and without
     * recording; the model's mode is restored afterwards.
     */
    @SuppressWarnings("try") // the scope only switches recording off; its body never names it
    public Evaluation evaluate(Iterable<Batch> batches) {
        Objects.requireNonNull(batches, "Trainer.evaluate: batches is null");
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long examples = 0, correct = 0;
        try (var scope = Autograd.noGrad()) {
            for (Batch batch : batches) {
                Tensor out = model.forward(batch.x());
                lossSum += loss.apply(out, batch).item() * batch.size();
                examples += batch.size();
                if (accuracy != null) {
                    correct += accuracy.correct(out, batch);
                }
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        if (examples == 0) {
            throw new IllegalArgumentException("Trainer.evaluate: the batches are empty");
        }
        return new Evaluation(lossSum / examples, accuracy == null ? Double.NaN : (double) correct / examples);
    }
}
