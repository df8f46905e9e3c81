package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** Counts the correctly classified examples of a batch from a model's output, for {@link Trainer}. */
@FunctionalInterface
public interface Accuracy {

    /** How many rows of {@code output} predict the label of the matching example of {@code batch}. */
    int correct(Tensor output, Batch batch);

    /** Multi-class: the prediction is the arg-max of each row of the output [b, C]. */
    static Accuracy argmax() {
        return (output, batch) -> {
            if (output.dim() != 2 || output.shape().dim(0) != batch.size()) {
                throw new IllegalArgumentException("Accuracy.argmax: output must be [" + batch.size()
                        + ", classes], got shape " + output.shape());
            }
            return count(output.argmax(1), batch.labels());
        };
    }

    /**
     * Binary: the prediction is 1 where the single output per example ([b] or [b, 1]) is above
     * {@code threshold} — 0 for logits, 0.5 for probabilities — and 0 otherwise.
     */
    static Accuracy threshold(double threshold) {
        return (output, batch) -> {
            if (output.size() != batch.size() || output.dim() > 2) {
                throw new IllegalArgumentException("Accuracy.threshold: output must be [" + batch.size() + "] or ["
                        + batch.size() + ", 1], got shape " + output.shape());
            }
            double[] out = output.data();
            int[] predicted = new int[out.length];
            for (int i = 0; i < out.length; i++) {
                predicted[i] = out[i] > threshold ? 1 : 0;
            }
            return count(predicted, batch.labels());
        };
    }

    private static int count(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return correct;
    }
}
