package io.jgrad.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The op table: one row per public differentiable {@link io.jgrad.core.Tensor} method (several for
 * pow, whose exponent decides the domain). {@link OpTableCoverageTest} fails when a method has no
 * row or a row has no property in {@link OpGradientsTest}.
 */
final class OpTable {
    static final List<OpRow> ROWS = all();

    private OpTable() {
    }

    /** The row called {@code name}. */
    static OpRow row(String name) {
        for (OpRow r : ROWS) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("OpTable: no row named '" + name + "'; add it to one of the *Rows classes");
    }

    private static List<OpRow> all() {
        List<OpRow> rows = new ArrayList<>();
        rows.addAll(ElementwiseRows.rows());
        rows.addAll(ShapeRows.rows());
        rows.addAll(ReductionRows.rows());
        rows.addAll(IndexingRows.rows());
        Map<String, OpRow> byName = new LinkedHashMap<>();
        for (OpRow r : rows) {
            if (byName.put(r.name(), r) != null) {
                throw new IllegalStateException("OpTable: two rows are named '" + r.name() + "'; row names must be unique");
            }
        }
        return List.copyOf(rows);
    }
}
