package io.jgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The A/B comparison's parsing, and one short comparison of this build against itself. */
class AbTest {

    @Test
    void parsesStepAndProductTargets() {
        assertEquals(new Ab.Step("step:mnist/sgd", "mnist", "sgd"), Ab.Target.parse("step:mnist/sgd"));
        assertEquals(new Ab.Product("gemm:784x256x128:ta:add", 784, 256, 128, true, false, true),
                Ab.Target.parse("gemm:784x256x128:ta:add"));
        assertEquals(new Ab.Product("gemm:2x3x4", 2, 3, 4, false, false, false), Ab.Target.parse("gemm:2x3x4"));
    }

    @Test
    void badTargetsNameTheForm() {
        for (String bad : new String[] {"gemm:12x3", "gemm:axbxc", "gemm:2x2x2:tc", "step:mnist", "mnist"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ab.Target.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("gemm:MxNxK"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Ab.load("no/such/jgrad-bench.jar"));
    }

    /** Both sides are this module's own classes, each loaded apart: the ratio is near 1 and the line well formed. */
    @Test
    void comparesABuildWithItself() throws Exception {
        ClassLoader a = Ab.load(classesOf(io.jgrad.core.kernels.Gemm.class));
        ClassLoader b = Ab.load(classesOf(io.jgrad.core.kernels.Gemm.class) + java.io.File.pathSeparator
                + classesOf(AbTest.class));
        Ab.Target t = Ab.Target.parse("gemm:40x30x20:tb:add");
        Runnable ra = t.on(a), rb = t.on(b);
        assertTrue(ra != rb);
        String line = Ab.compare(t, ra, rb, 2, 8, 2_000_000L);

        Matcher m = Pattern.compile("gemm:40x30x20:tb:add +A +([0-9.]+) µs +B +([0-9.]+) µs +B/A ([0-9.]+) "
                + "\\(quartiles ([0-9.]+)–([0-9.]+), 8 rounds\\)").matcher(line);
        assertTrue(m.matches(), line);
        double ratio = Double.parseDouble(m.group(3));
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, line);
        assertTrue(Double.parseDouble(m.group(4)) <= ratio && ratio <= Double.parseDouble(m.group(5)), line);
        // The same code on the same data: a factor of 3 either way would mean the windows are wrong.
        assertTrue(ratio > 1 / 3.0 && ratio < 3.0, line);
    }

    private static String classesOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
