package io.jgrad.testkit;

import io.jgrad.testkit.OpRow.Case;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.providers.TypeUsage;

/**
 * One property per op-table row: autograd matches central differences on random shapes (broadcast
 * pairs included), parameters and values from the row's domain, and so do second derivatives for
 * the rows differentiable to order 2. Each property is one line, so the class reads as the list of
 * rows; the cases come from {@link OpTable} through the {@link Row} annotation.
 */
class OpGradientsTest {
    /** Enough to meet every rank and broadcast pattern of the small default shapes, few enough to stay fast. */
    static final int TRIES = 30;

    @Provide
    Arbitrary<Case> row(TypeUsage type) {
        Row row = type.findAnnotation(Row.class).orElseThrow(() -> new IllegalStateException(
                "a parameter with @ForAll(\"row\") needs @Row(\"name\") naming its op-table row"));
        return OpTable.row(row.value()).cases();
    }

    @Property(tries = TRIES) void add(@ForAll("row") @Row("add") Case c) { c.check(); }
    @Property(tries = TRIES) void addConstant(@ForAll("row") @Row("addConstant") Case c) { c.check(); }
    @Property(tries = TRIES) void sub(@ForAll("row") @Row("sub") Case c) { c.check(); }
    @Property(tries = TRIES) void subConstant(@ForAll("row") @Row("subConstant") Case c) { c.check(); }
    @Property(tries = TRIES) void mul(@ForAll("row") @Row("mul") Case c) { c.check(); }
    @Property(tries = TRIES) void mulConstant(@ForAll("row") @Row("mulConstant") Case c) { c.check(); }
    @Property(tries = TRIES) void div(@ForAll("row") @Row("div") Case c) { c.check(); }
    @Property(tries = TRIES) void divConstant(@ForAll("row") @Row("divConstant") Case c) { c.check(); }
    @Property(tries = TRIES) void maximum(@ForAll("row") @Row("maximum") Case c) { c.check(); }
    @Property(tries = TRIES) void neg(@ForAll("row") @Row("neg") Case c) { c.check(); }
    @Property(tries = TRIES) void powNatural(@ForAll("row") @Row("powNatural") Case c) { c.check(); }
    @Property(tries = TRIES) void powNegative(@ForAll("row") @Row("powNegative") Case c) { c.check(); }
    @Property(tries = TRIES) void powFractional(@ForAll("row") @Row("powFractional") Case c) { c.check(); }
    @Property(tries = TRIES) void exp(@ForAll("row") @Row("exp") Case c) { c.check(); }
    @Property(tries = TRIES) void log(@ForAll("row") @Row("log") Case c) { c.check(); }
    @Property(tries = TRIES) void sqrt(@ForAll("row") @Row("sqrt") Case c) { c.check(); }
    @Property(tries = TRIES) void abs(@ForAll("row") @Row("abs") Case c) { c.check(); }
    @Property(tries = TRIES) void relu(@ForAll("row") @Row("relu") Case c) { c.check(); }
    @Property(tries = TRIES) void leakyRelu(@ForAll("row") @Row("leakyRelu") Case c) { c.check(); }
    @Property(tries = TRIES) void sigmoid(@ForAll("row") @Row("sigmoid") Case c) { c.check(); }
    @Property(tries = TRIES) void tanh(@ForAll("row") @Row("tanh") Case c) { c.check(); }
    @Property(tries = TRIES) void softplus(@ForAll("row") @Row("softplus") Case c) { c.check(); }
    @Property(tries = TRIES) void clamp(@ForAll("row") @Row("clamp") Case c) { c.check(); }
    @Property(tries = TRIES) void matmul(@ForAll("row") @Row("matmul") Case c) { c.check(); }
    @Property(tries = TRIES) void linear(@ForAll("row") @Row("linear") Case c) { c.check(); }
    @Property(tries = TRIES) void linearRelu(@ForAll("row") @Row("linearRelu") Case c) { c.check(); }
    @Property(tries = TRIES) void transposeLastTwo(@ForAll("row") @Row("transposeLastTwo") Case c) { c.check(); }
    @Property(tries = TRIES) void transpose(@ForAll("row") @Row("transpose") Case c) { c.check(); }
    @Property(tries = TRIES) void reshape(@ForAll("row") @Row("reshape") Case c) { c.check(); }
    @Property(tries = TRIES) void expand(@ForAll("row") @Row("expand") Case c) { c.check(); }
    @Property(tries = TRIES) void sum(@ForAll("row") @Row("sum") Case c) { c.check(); }
    @Property(tries = TRIES) void sumAlongAxis(@ForAll("row") @Row("sumAlongAxis") Case c) { c.check(); }
    @Property(tries = TRIES) void mean(@ForAll("row") @Row("mean") Case c) { c.check(); }
    @Property(tries = TRIES) void meanAlongAxis(@ForAll("row") @Row("meanAlongAxis") Case c) { c.check(); }
    @Property(tries = TRIES) void max(@ForAll("row") @Row("max") Case c) { c.check(); }
    @Property(tries = TRIES) void maxAlongAxis(@ForAll("row") @Row("maxAlongAxis") Case c) { c.check(); }
    @Property(tries = TRIES) void logSumExp(@ForAll("row") @Row("logSumExp") Case c) { c.check(); }
    @Property(tries = TRIES) void softmax(@ForAll("row") @Row("softmax") Case c) { c.check(); }
    @Property(tries = TRIES) void logSoftmax(@ForAll("row") @Row("logSoftmax") Case c) { c.check(); }
    @Property(tries = TRIES) void indexSelect(@ForAll("row") @Row("indexSelect") Case c) { c.check(); }
    @Property(tries = TRIES) void gather(@ForAll("row") @Row("gather") Case c) { c.check(); }
    @Property(tries = TRIES) void crossEntropy(@ForAll("row") @Row("crossEntropy") Case c) { c.check(); }
}
