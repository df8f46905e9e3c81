package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random calls of every loss with random shapes, reductions, targets, labels and label smoothing,
 * many of them malformed (shapes that differ, probabilities or targets outside [0, 1] or NaN,
 * labels out of range or too few, smoothing outside [0, 1], an empty batch to average, logits of
 * ±1000). Each call either equals a per-element reference computed here, with a finite gradient
 * that matches central differences where the inputs are ordinary, or throws an
 * IllegalArgumentException whose message starts with the loss's name. {@value #TRIES} calls per run.
 */
final class MalformedLossCallsPropertyTest {
    /** Calls per run, quoted in docs/RELIABILITY.md. */
    static final int TRIES = 1000;
    private static final double[] SPECIAL = {0.0, 1.0, -1.0, 1000.0, -1000.0, 0.5};
    private static final double[] BAD = {Double.NaN, -0.1, 1.1, Double.POSITIVE_INFINITY};

    private enum Loss { MSE, BCE, BCE_WITH_LOGITS, CROSS_ENTROPY }

    /** A generated call; {@code problem} says which rule it breaks, or null for a valid call. */
    private record Call(Loss loss, Reduction reduction, int[] shape, double[] prediction, int[] targetShape,
                        double[] target, int[] labels, double smoothing, String problem) {
        @Override
        public String toString() {
            return loss + "/" + reduction + " prediction " + Arrays.toString(shape) + " = " + Arrays.toString(prediction)
                    + (loss == Loss.CROSS_ENTROPY ? ", labels " + Arrays.toString(labels) + ", smoothing " + smoothing
                    : ", target " + Arrays.toString(targetShape) + " = " + Arrays.toString(target))
                    + (problem == null ? "" : " (" + problem + ")");
        }
    }

    @Property(tries = TRIES)
    void everyLossCallGivesTheReferenceOrANamedRefusal(@ForAll long seed) {
        Call call = generate(new SplittableRandom(seed));
        String name = switch (call.loss()) {
            case MSE -> "mse";
            case BCE -> "bce";
            case BCE_WITH_LOGITS -> "bceWithLogits";
            case CROSS_ENTROPY -> "crossEntropy";
        };
        Tensor prediction = Tensor.of(call.prediction(), Shape.of(call.shape())).requiresGrad(true);
        if (call.problem() != null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply(call, prediction),
                    call::toString);
            assertTrue(e.getMessage().startsWith(name + ": "), () -> call + ": " + e.getMessage());
            return;
        }
        Tensor loss = apply(call, prediction);
        double[] expected = reference(call, call.prediction());
        int[] expectedShape = call.reduction() != Reduction.NONE ? new int[0]
                : call.loss() == Loss.CROSS_ENTROPY ? new int[] {call.shape()[0]} : call.shape();
        assertArrayEquals(expectedShape, loss.shape().dims(), call::toString);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], loss.data()[i], 1e-12 * (1 + Math.abs(expected[i])), call::toString);
        }
        double[] seedGrad = new double[loss.size()];
        Arrays.fill(seedGrad, 1.0);
        loss.backward(Tensor.of(seedGrad, loss.shape()));
        double[] grad = prediction.grad().data();
        for (int j = 0; j < grad.length; j++) {
            assertTrue(Double.isFinite(grad[j]), () -> call + ": gradient " + Arrays.toString(grad));
            if (Math.abs(call.prediction()[j]) < 100 && call.loss() != Loss.BCE) {
                double[] plus = call.prediction().clone();
                double[] minus = call.prediction().clone();
                plus[j] += 1e-6;
                minus[j] -= 1e-6;
                double[] up = perElement(call, plus), down = perElement(call, minus);
                double[] difference = new double[up.length];
                for (int i = 0; i < up.length; i++) {
                    // Per element first: a huge loss elsewhere must not swamp this element's change.
                    difference[i] = (up[i] - down[i]) / 2e-6;
                }
                double numeric = sum(reduce(call.reduction(), difference));
                int k = j;
                assertEquals(numeric, grad[j], 1e-5 + 1e-4 * Math.abs(numeric), () -> call + ": d/dprediction[" + k + "]");
            }
        }
    }

    private static Tensor apply(Call call, Tensor prediction) {
        Tensor target = call.target() == null ? null : Tensor.of(call.target(), Shape.of(call.targetShape()));
        return switch (call.loss()) {
            case MSE -> Losses.mse(prediction, target, call.reduction());
            case BCE -> Losses.bce(prediction, target, call.reduction());
            case BCE_WITH_LOGITS -> Losses.bceWithLogits(prediction, target, call.reduction());
            case CROSS_ENTROPY -> Losses.crossEntropy(prediction, call.labels(), call.smoothing(), call.reduction());
        };
    }

    private static Call generate(SplittableRandom r) {
        Loss loss = Loss.values()[r.nextInt(Loss.values().length)];
        Reduction reduction = Reduction.values()[r.nextInt(3)];
        int[] shape = shape(r, loss == Loss.CROSS_ENTROPY && r.nextInt(8) != 0 ? 2 : r.nextInt(3));
        double[] prediction = new double[size(shape)];
        String problem = null;
        for (int i = 0; i < prediction.length; i++) {
            boolean probability = loss == Loss.BCE;
            prediction[i] = probability ? r.nextDouble() : r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)]
                    : r.nextDouble(-3, 3);
            if (probability && r.nextInt(10) == 0) {
                prediction[i] = BAD[r.nextInt(BAD.length)];
                problem = "probability outside [0, 1]";
            }
        }
        if (loss == Loss.CROSS_ENTROPY) {
            return crossEntropy(r, reduction, shape, prediction);
        }
        int[] targetShape = r.nextInt(6) == 0 ? shape(r, r.nextInt(3)) : shape;
        double[] target = new double[size(targetShape)];
        for (int i = 0; i < target.length; i++) {
            target[i] = loss == Loss.MSE ? r.nextDouble(-3, 3) : r.nextDouble();
            if (loss != Loss.MSE && r.nextInt(10) == 0) {
                target[i] = BAD[r.nextInt(BAD.length)];
                problem = "target outside [0, 1]";
            }
        }
        if (!Arrays.equals(shape, targetShape)) {
            problem = "shapes differ";
        } else if (problem == null && reduction == Reduction.MEAN && prediction.length == 0) {
            problem = "mean of nothing";
        }
        return new Call(loss, reduction, shape, prediction, targetShape, target, null, 0, problem);
    }

    private static Call crossEntropy(SplittableRandom r, Reduction reduction, int[] shape, double[] logits) {
        double[] smoothings = {0.0, 0.0, 0.1, 1.0, -0.1, 1.5, Double.NaN};
        double smoothing = smoothings[r.nextInt(smoothings.length)];
        int n = shape.length == 2 ? shape[0] : 1;
        int classes = shape.length == 2 ? shape[1] : 0;
        int[] labels = new int[r.nextInt(8) == 0 ? r.nextInt(4) : n];
        String problem = null;
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes == 0 ? 0 : r.nextInt(10) == 0 ? (r.nextBoolean() ? -1 : classes) : r.nextInt(classes);
            if (labels[i] < 0 || labels[i] >= classes) {
                problem = "label out of range";
            }
        }
        if (shape.length != 2) {
            problem = "logits not [batch, classes]";
        } else if (classes == 0) {
            problem = "no classes";
        } else if (labels.length != n) {
            problem = "one label per row";
        } else if (problem == null && !(smoothing >= 0 && smoothing <= 1)) {
            problem = "smoothing outside [0, 1]";
        } else if (problem == null && reduction == Reduction.MEAN && n == 0) {
            problem = "mean of nothing";
        }
        return new Call(Loss.CROSS_ENTROPY, reduction, shape, logits, null, null, labels, smoothing, problem);
    }

    /** The loss by its textbook formula, element by element (per example for cross-entropy), then reduced. */
    private static double[] reference(Call call, double[] p) {
        return reduce(call.reduction(), perElement(call, p));
    }

    private static double[] reduce(Reduction reduction, double[] per) {
        return switch (reduction) {
            case NONE -> per;
            case SUM -> new double[] {sum(per)};
            case MEAN -> new double[] {sum(per) / per.length};
        };
    }

    private static double[] perElement(Call call, double[] p) {
        double[] per;
        if (call.loss() == Loss.CROSS_ENTROPY) {
            int n = call.shape()[0], c = call.shape()[1];
            per = new double[n];
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY, mean = 0;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, p[i * c + j]);
                    mean += p[i * c + j] / c;
                }
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += Math.exp(p[i * c + j] - max);
                }
                double lse = max + Math.log(s);
                double eps = call.smoothing();
                per[i] = (1 - eps) * (lse - p[i * c + call.labels()[i]]) + eps * (lse - mean);
            }
        } else {
            per = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                double t = call.target()[i];
                per[i] = switch (call.loss()) {
                    case MSE -> (p[i] - t) * (p[i] - t);
                    case BCE -> -(t * Math.log(Math.max(p[i], Math.exp(-100)))
                            + (1 - t) * Math.log(Math.max(1 - p[i], Math.exp(-100))));
                    default -> Math.max(p[i], 0) - p[i] * t + Math.log1p(Math.exp(-Math.abs(p[i])));
                };
            }
        }
        return per;
    }

    private static int[] shape(SplittableRandom r, int rank) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(4);
        }
        return s;
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
