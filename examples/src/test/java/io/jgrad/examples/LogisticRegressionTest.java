package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogisticRegressionTest {
    @TempDir
    Path dir;

    @Test
    void threeVersionsLearnTheSameAccurateModel() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new LogisticRegression(), dir);
        Result r = run.result();
        assertTrue(r.get("maxWeightDifference") < 1e-12, run.output());
        assertTrue(r.get("crossValidatedAccuracy") >= 0.95, run.output());
        assertTrue(r.get("trainAccuracy") >= 0.97, run.output());
        for (String timing : new String[] {"loopMillis", "vectorisedMillis", "autogradMillis"}) {
            assertTrue(r.get(timing) > 0, timing);
        }
        assertTrue(run.output().contains("time: loops"), run.output());
        TestSupport.assertImage(r.file("logistic-regression.png"));
    }

    @Test
    void crossValidationTestsEveryExampleOnce() throws Exception {
        // Five folds of 569 examples: the fold sizes differ by at most one and sum to 569.
        Dataset data = Dataset.breastCancer();
        double[] folds = LogisticRegression.crossValidate(data, 5, 50,
                new RunContext(dir, 1, System.out, true));
        assertEquals(5, folds.length);
        for (double accuracy : folds) {
            assertTrue(accuracy > 0.9 && accuracy <= 1.0, "fold accuracy " + accuracy);
        }
    }
}
