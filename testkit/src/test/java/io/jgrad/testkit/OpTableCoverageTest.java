package io.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.core.Tensor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The op table keeps up with {@link Tensor}: every op has a row, every row an op and a property. */
class OpTableCoverageTest {
    /** Public Tensor methods that return a Tensor but are not differentiable ops, and why. */
    private static final Map<String, String> NOT_OPS = Map.of(
            "requiresGrad(boolean)", "sets a flag and returns the same tensor",
            "grad()", "reads the accumulated gradient",
            "detach()", "a leaf cut off from the graph: by definition no gradient flows through it",
            "copy()", "a new leaf holding copied values, not recorded");

    @Test
    void everyPublicTensorMethodReturningATensorHasARow() {
        Set<String> rows = OpTable.ROWS.stream().map(OpRow::signature).collect(Collectors.toSet());
        List<String> missing = tensorMethods().stream()
                .filter(m -> !rows.contains(m) && !NOT_OPS.containsKey(m)).toList();
        assertEquals(List.of(), missing, "Tensor methods without an op-table row: add a row to ElementwiseRows,"
                + " ShapeRows, ReductionRows or IndexingRows (and a property to OpGradientsTest), or list the method"
                + " in NOT_OPS with the reason it is not a differentiable op");
    }

    @Test
    void everyRowAndExclusionNamesAnExistingMethod() {
        Set<String> methods = tensorMethods();
        List<String> stale = new ArrayList<>();
        OpTable.ROWS.stream().filter(r -> !methods.contains(r.signature()))
                .forEach(r -> stale.add("row " + r.name() + ": " + r.signature()));
        NOT_OPS.keySet().stream().filter(m -> !methods.contains(m)).forEach(m -> stale.add("NOT_OPS: " + m));
        assertEquals(List.of(), stale, "signatures that match no public Tensor method returning a Tensor");
    }

    @Test
    void everyRowHasExactlyOneProperty() {
        List<String> properties = new ArrayList<>();
        for (Method m : OpGradientsTest.class.getDeclaredMethods()) {
            for (Parameter p : m.getParameters()) {
                Row row = p.getAnnotation(Row.class);
                if (row != null) {
                    properties.add(row.value());
                }
            }
        }
        List<String> rows = OpTable.ROWS.stream().map(OpRow::name).toList();
        assertEquals(List.of(), rows.stream().filter(r -> !properties.contains(r)).toList(),
                "rows without a property in OpGradientsTest: add a one-line @Property with @Row(\"name\")");
        assertEquals(List.of(), properties.stream().filter(p -> !rows.contains(p)).toList(),
                "properties in OpGradientsTest naming no row");
        assertEquals(rows.size(), properties.size(), "each row needs exactly one property: " + properties);
    }

    /** Signatures such as {@code add(Tensor)} or {@code reshape(int[])} of public instance methods returning a Tensor. */
    private static Set<String> tensorMethods() {
        Set<String> out = new TreeSet<>();
        for (Method m : Tensor.class.getMethods()) {
            if (m.getReturnType() == Tensor.class && !Modifier.isStatic(m.getModifiers())) {
                out.add(m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(",", "(", ")")));
            }
        }
        return out;
    }
}
