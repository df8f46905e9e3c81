package io.jgrad.nn;

/**
 * Receives the metrics of a {@link Trainer} run after every step and every epoch (to print,
 * plot or record them). Both methods do nothing by default.
 */
public interface TrainingListener {

    /**
     * What one optimisation step saw.
     *
     * @param epoch     1-based epoch
     * @param step      1-based step within the epoch
     * @param loss      the batch loss before the step
     * @param batchSize examples in the batch
     */
    record Step(int epoch, int step, double loss, int batchSize) {
    }

    /**
     * The summary of one epoch. Accuracies are NaN when the trainer has no {@link Accuracy}; the
     * validation values are NaN without validation batches.
     *
     * @param epoch              1-based epoch
     * @param loss               mean training loss over the epoch's examples (batch losses weighted by batch size)
     * @param accuracy           fraction of training examples classified correctly, measured before each step
     * @param validationLoss     mean loss on the validation batches in evaluation mode, after the epoch
     * @param validationAccuracy fraction of validation examples classified correctly
     */
    record Epoch(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy) {
    }

    default void onStep(Step step) {
    }

    default void onEpoch(Epoch epoch) {
    }
}
