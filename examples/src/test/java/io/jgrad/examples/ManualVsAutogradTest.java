package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import io.jgrad.examples.TwoLayerNet.Output;
import io.jgrad.examples.TwoLayerNet.Params;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManualVsAutogradTest {
    @TempDir
    Path dir;

    @Test
    void handDerivedGradientsEqualAutogradInEveryForm() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new ManualVsAutograd(), dir);
        Result r = run.result();
        for (String key : new String[] {"maxDifference", "maxDifferenceSigmoid", "maxDifferenceTransposes",
                "maxDifferenceColumns", "maxDifferenceSoftmax", "maxParamDifferenceAfterTraining"}) {
            assertTrue(r.get(key) < 1e-12, () -> key + " = " + r.get(key) + "\n" + run.output());
        }
        assertTrue(r.get("finalLoss") < 0.5, run.output());
        TestSupport.assertImage(r.file("manual-vs-autograd.png"));
    }

    /** The textbook formulas hold for any batch size, width and output layer, not just iris. */
    @Property(tries = 40)
    void textbookFormulasEqualAutograd(@ForAll @IntRange(min = 1, max = 12) int m,
                                       @ForAll @IntRange(min = 1, max = 6) int n,
                                       @ForAll @IntRange(min = 1, max = 6) int hidden,
                                       @ForAll @IntRange(min = 1, max = 4) int classes,
                                       @ForAll @LongRange(min = 0, max = 1000) long seed) {
        RandomGenerator rng = new MersenneTwister(seed);
        Tensor x = Tensor.randn(rng, m, n);
        Output output = classes == 1 ? Output.SIGMOID : Output.SOFTMAX;
        Tensor y = output == Output.SIGMOID ? zeroOne(rng, m) : oneHot(rng, m, classes);
        Params p = TwoLayerNet.init(rng, n, hidden, classes);
        double batchFirst = TwoLayerNet.byHand(p, x, y, output)
                .maxDifference(TwoLayerNet.autograd(TwoLayerNet.loss(p, x, y, output), p));
        assertTrue(batchFirst < 1e-12, "batch-first difference " + batchFirst);
        Params pc = p.toColumns();
        double columns = TwoLayerNet.byHandColumns(pc, x.transpose(), y.transpose(), output)
                .maxDifference(TwoLayerNet.autograd(TwoLayerNet.lossColumns(pc, x.transpose(), y.transpose(), output), pc));
        assertTrue(columns < 1e-12, "column-form difference " + columns);
    }

    private static Tensor zeroOne(RandomGenerator rng, int m) {
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = rng.nextBoolean() ? 1 : 0;
        }
        return Tensor.of(y, m, 1);
    }

    private static Tensor oneHot(RandomGenerator rng, int m, int classes) {
        double[] y = new double[m * classes];
        for (int i = 0; i < m; i++) {
            y[i * classes + rng.nextInt(classes)] = 1;
        }
        return Tensor.of(y, m, classes);
    }
}
