package io.jgrad.bench;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Dense;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Sigmoid;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Training-step time of the four multi-layer perceptrons of the benchmark, each with SGD and
 * with Adam: zero the gradients, forward, loss, backward, optimizer step, on one fixed batch.
 * Weights start as PyTorch's {@code Linear} starts them (U(−1/√in, 1/√in), the Dense default).
 */
final class MlpBench {
    private MlpBench() {
    }

    /** The loss at the top of a model. */
    enum Loss { BCE, CROSS_ENTROPY, BCE_WITH_LOGITS }

    /** One model: layer widths, hidden activation, loss and batch size. */
    record Config(String name, int[] widths, boolean sigmoidHidden, Loss loss, int batch) {
    }

    static final List<Config> CONFIGS = List.of(
            new Config("tiny", new int[] {2, 4, 1}, true, Loss.BCE, 4),
            new Config("small", new int[] {64, 32, 10}, false, Loss.CROSS_ENTROPY, 64),
            new Config("mnist", new int[] {784, 256, 128, 10}, false, Loss.CROSS_ENTROPY, 128),
            new Config("wide", new int[] {12288, 64, 1}, false, Loss.BCE_WITH_LOGITS, 64));

    static final List<String> OPTIMIZERS = List.of("sgd", "adam");

    static Config config(String name) {
        for (Config c : CONFIGS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("bench: unknown model '" + name + "'; choose from tiny, small, mnist, wide");
    }

    /** ms per step for every chosen config and optimizer, keyed "config/optimizer". */
    static Map<String, Object> run(List<Config> configs, Timing.Budget budget) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Config c : configs) {
            for (String opt : OPTIMIZERS) {
                Step step = new Step(c, opt, 42);
                double nanos = Timing.nanosPerCall(budget, step::run);
                out.put(c.name() + "/" + opt, Map.of("ms_per_step", nanos / 1e6, "final_loss", step.lastLoss));
            }
        }
        return out;
    }

    /** A model, its optimizer and one fixed batch; {@link #run} is one training step. */
    static final class Step {
        private final Layer model;
        private final Optimizer optimizer;
        private final Loss loss;
        private final Tensor x;
        private final Tensor target;
        private final int[] labels;
        double lastLoss;

        Step(Config c, String optimizerName, long seed) {
            RandomGenerator rng = new MersenneTwister(seed);
            List<Layer> layers = new ArrayList<>();
            int[] w = c.widths();
            for (int i = 0; i + 1 < w.length; i++) {
                layers.add(new Dense(w[i], w[i + 1], rng));
                if (i + 2 < w.length) {
                    layers.add(c.sigmoidHidden() ? new Sigmoid() : new ReLU());
                }
            }
            if (c.loss() == Loss.BCE) {
                layers.add(new Sigmoid());
            }
            this.model = new Sequential(layers.toArray(new Layer[0]));
            this.loss = c.loss();
            int in = w[0], out = w[w.length - 1];
            if (c.name().equals("tiny")) {
                this.x = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
                this.target = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);
            } else {
                this.x = Tensor.randn(rng, c.batch(), in);
                double[] t = new double[c.batch() * out];
                for (int i = 0; i < t.length; i++) {
                    t[i] = rng.nextInt(2);
                }
                this.target = Tensor.of(t, c.batch(), out);
            }
            this.labels = new int[c.batch()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rng.nextInt(out);
            }
            this.optimizer = switch (optimizerName) {
                case "sgd" -> SGD.builder(model.parameters()).lr(0.01).build();
                case "adam" -> Adam.builder(model.parameters()).lr(1e-3).build();
                default -> throw new IllegalArgumentException("bench: unknown optimizer " + optimizerName);
            };
        }

        void run() {
            optimizer.zeroGrad();
            Tensor y = model.forward(x);
            Tensor l = switch (loss) {
                case BCE -> Losses.bce(y, target);
                case CROSS_ENTROPY -> Losses.crossEntropy(y, labels);
                case BCE_WITH_LOGITS -> Losses.bceWithLogits(y, target);
            };
            l.backward();
            optimizer.step();
            lastLoss = l.item();
        }
    }
}
