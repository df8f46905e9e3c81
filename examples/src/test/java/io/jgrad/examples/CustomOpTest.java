package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomOpTest {
    @TempDir
    Path dir;

    @Test
    void gradCheckPassesTheOpAndCatchesTheBrokenOne() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new CustomOp(), dir);
        Result r = run.result();
        assertEquals(1.0, r.get("firstOrderPassed"), run.output());
        assertEquals(1.0, r.get("secondOrderPassed"), run.output());
        assertEquals(0.0, r.get("brokenPassed"), run.output());
        assertTrue(r.get("firstOrderWorstError") < 1e-8, run.output());
        assertTrue(run.output().contains("recorded as op 'Softsign'"), run.output());
        TestSupport.assertImage(r.file("custom-op.png"));
    }
}
