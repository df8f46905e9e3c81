package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainRuleTest {
    @TempDir
    Path dir;

    @Test
    void autogradMatchesTheHandDerivedDerivatives() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new ChainRule(), dir);
        assertTrue(run.result().get("maxDifference") < 1e-12, run.output());
        assertTrue(run.output().contains("dJ/dc = dJ/dv * dv/dc = 3 * b          9.0000     9.0000"), run.output());
        TestSupport.assertImage(run.result().file("chain-rule.png"));
    }

    @Test
    void handDerivativeIsTheTextbookValue() {
        // x = 1: u = 8, dy/dx = 20 * 8^3 * 3 = 30720
        assertEquals(30720.0, ChainRule.handDerivative(1.0), 0.0);
        Tensor x = Tensor.scalar(1.0).requiresGrad(true);
        x.pow(3).add(7).pow(4).mul(5).backward();
        assertEquals(30720.0, x.grad().item(), 1e-9);
    }
}
