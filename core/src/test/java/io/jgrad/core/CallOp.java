package io.jgrad.core;

import io.jgrad.core.Naive.Nd;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The public operations the malformed-call property exercises, each with the method name its
 * error messages must start with, the call into the library and the reference computation from
 * {@link Naive}. Results are a {@link Tensor} (or {@link Nd}), an {@code int[]} or a {@code Double}.
 */
enum CallOp {
    NEG("neg", false, (c, a, b) -> a.neg(), (c, a, b) -> Naive.map(a, x -> -x)),
    EXP("exp", false, (c, a, b) -> a.exp(), (c, a, b) -> Naive.map(a, Math::exp)),
    LOG("log", false, (c, a, b) -> a.log(), (c, a, b) -> Naive.map(a, Math::log)),
    SQRT("sqrt", false, (c, a, b) -> a.sqrt(), (c, a, b) -> Naive.map(a, Math::sqrt)),
    ABS("abs", false, (c, a, b) -> a.abs(), (c, a, b) -> Naive.map(a, Math::abs)),
    RELU("relu", false, (c, a, b) -> a.relu(), (c, a, b) -> Naive.map(a, x -> x <= 0 ? 0.0 : x)),
    SIGMOID("sigmoid", false, (c, a, b) -> a.sigmoid(), (c, a, b) -> Naive.map(a, x -> 1 / (1 + Math.exp(-x)))),
    TANH("tanh", false, (c, a, b) -> a.tanh(), (c, a, b) -> Naive.map(a, Math::tanh)),
    SOFTPLUS("softplus", false, (c, a, b) -> a.softplus(),
            (c, a, b) -> Naive.map(a, x -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)))),
    LEAKY_RELU("leakyRelu", false, (c, a, b) -> a.leakyRelu(c.c()),
            (c, a, b) -> Naive.map(a, x -> x > 0 ? x : c.c() * x)),
    POW("pow", false, (c, a, b) -> a.pow(c.c()), (c, a, b) -> Naive.map(a, x -> Math.pow(x, c.c()))),
    CLAMP("clamp", false, (c, a, b) -> a.clamp(c.c(), c.c2()), CallOp::clamp),
    ADD_C("add", false, (c, a, b) -> a.add(c.c()), (c, a, b) -> Naive.map(a, x -> x + c.c())),
    SUB_C("sub", false, (c, a, b) -> a.sub(c.c()), (c, a, b) -> Naive.map(a, x -> x - c.c())),
    MUL_C("mul", false, (c, a, b) -> a.mul(c.c()), (c, a, b) -> Naive.map(a, x -> x * c.c())),
    DIV_C("div", false, (c, a, b) -> a.div(c.c()), (c, a, b) -> Naive.map(a, x -> x / c.c())),
    ADD("add", true, (c, a, b) -> a.add(b), (c, a, b) -> Naive.zip(a, b, Double::sum)),
    SUB("sub", true, (c, a, b) -> a.sub(b), (c, a, b) -> Naive.zip(a, b, (x, y) -> x - y)),
    MUL("mul", true, (c, a, b) -> a.mul(b), (c, a, b) -> Naive.zip(a, b, (x, y) -> x * y)),
    DIV("div", true, (c, a, b) -> a.div(b), (c, a, b) -> Naive.zip(a, b, (x, y) -> x / y)),
    MAXIMUM("maximum", true, (c, a, b) -> a.maximum(b), (c, a, b) -> Naive.zip(a, b, CallOp::maxNaN)),
    SUM_ALL("sum", false, (c, a, b) -> a.sum(), (c, a, b) -> Naive.reduceAll(a, Naive::sum)),
    SUM("sum", false, (c, a, b) -> a.sum(c.axis(), c.keep()),
            (c, a, b) -> Naive.reduce(a, c.axis(), c.keep(), Naive::sum)),
    MEAN_ALL("mean", false, (c, a, b) -> a.mean(), (c, a, b) -> Naive.reduceAll(a, CallOp::mean)),
    MEAN("mean", false, (c, a, b) -> a.mean(c.axis(), c.keep()),
            (c, a, b) -> Naive.reduce(nonEmptyAxis(a, c.axis()), c.axis(), c.keep(), CallOp::mean)),
    MAX_ALL("max", false, (c, a, b) -> a.max(), (c, a, b) -> Naive.reduceAll(a, Naive::max)),
    MAX("max", false, (c, a, b) -> a.max(c.axis(), c.keep()),
            (c, a, b) -> Naive.reduce(nonEmptyAxis(a, c.axis()), c.axis(), c.keep(), Naive::max)),
    LOG_SUM_EXP("logSumExp", false, (c, a, b) -> a.logSumExp(c.axis(), c.keep()),
            (c, a, b) -> Naive.reduce(a, c.axis(), c.keep(), Naive::logSumExp)),
    SOFTMAX("softmax", false, (c, a, b) -> a.softmax(c.axis()),
            (c, a, b) -> shifted(a, c.axis(), (x, lse) -> Math.exp(x - lse))),
    LOG_SOFTMAX("logSoftmax", false, (c, a, b) -> a.logSoftmax(c.axis()),
            (c, a, b) -> shifted(a, c.axis(), (x, lse) -> x - lse)),
    ARGMAX("argmax", false, (c, a, b) -> a.argmax(c.axis()), CallOp::argmax),
    RESHAPE("reshape", false, (c, a, b) -> a.reshape(c.ints()), (c, a, b) -> Naive.reshape(a, c.ints())),
    TRANSPOSE_LAST("transpose", false, (c, a, b) -> a.transpose(), CallOp::transposeLast),
    TRANSPOSE("transpose", false, (c, a, b) -> a.transpose(c.axis(), c.axis2()),
            (c, a, b) -> Naive.transpose(a, c.axis(), c.axis2())),
    EXPAND("expand", false, (c, a, b) -> a.expand(c.ints()), (c, a, b) -> Naive.expand(a, c.ints())),
    MATMUL("matmul", true, (c, a, b) -> a.matmul(b), (c, a, b) -> Naive.matmul(a, b)),
    INDEX_SELECT("indexSelect", false, (c, a, b) -> a.indexSelect(c.axis(), c.ints()),
            (c, a, b) -> Naive.indexSelect(a, c.axis(), c.ints())),
    GATHER("gather", false, (c, a, b) -> a.gather(c.axis(), c.ints()),
            (c, a, b) -> Naive.gather(a, c.axis(), c.ints())),
    GET("get", false, (c, a, b) -> a.get(c.ints()), (c, a, b) -> Naive.get(a, c.ints())),
    ITEM("item", false, (c, a, b) -> a.item(), CallOp::item),
    OF("Tensor.of", false, (c, a, b) -> Tensor.of(a.toArray(), c.ints()), CallOp::of),
    BACKWARD("backward", true, CallOp::backward, CallOp::backwardReference);

    /** The library side of an op: a, b are leaves that require grad when the op returns a tensor. */
    @FunctionalInterface
    interface Run {
        Object apply(MalformedCall c, Tensor a, Tensor b);
    }

    /** The reference side; throws {@link Naive.Invalid} for a call the library must refuse. */
    @FunctionalInterface
    interface Reference {
        Object apply(MalformedCall c, Nd a, Nd b);
    }

    final String method;
    final boolean binary;
    final Run run;
    final Reference reference;

    CallOp(String method, boolean binary, Run run, Reference reference) {
        this.method = method;
        this.binary = binary;
        this.run = run;
        this.reference = reference;
    }

    /** Whether the result is a differentiable function of the operands (so a gradient can be checked). */
    boolean differentiable() {
        return this != ARGMAX && this != GET && this != ITEM && this != OF && this != BACKWARD;
    }

    /**
     * {@code a}, refused when the axis has length 0: a mean, maximum or arg-max over nothing is
     * undefined, and the library says so even when the result would have no elements.
     */
    private static Nd nonEmptyAxis(Nd a, int axis) {
        if (a.d()[Naive.axis(axis, a.d().length)] == 0) {
            throw Naive.invalid("reduction over an empty axis");
        }
        return a;
    }

    private static double maxNaN(double x, double y) {
        return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
    }

    private static double mean(double[] s) {
        if (s.length == 0) {
            throw Naive.invalid("mean of nothing");
        }
        return Naive.sum(s) / s.length;
    }

    private static Nd clamp(MalformedCall c, Nd a, Nd b) {
        double lo = c.c(), hi = c.c2();
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw Naive.invalid("clamp bounds " + lo + ", " + hi);
        }
        return Naive.map(a, x -> Double.isNaN(x) ? x : Math.min(Math.max(x, lo), hi));
    }

    /** f(x, logSumExp of x's slice along axis), element-wise: softmax and logSoftmax by definition. */
    private static Nd shifted(Nd a, int axis, DoubleBinaryOperator f) {
        Nd lse = Naive.reduce(a, axis, true, Naive::logSumExp);
        return Naive.zip(a, lse, f);
    }

    private static int[] argmax(MalformedCall c, Nd a, Nd b) {
        double[] v = Naive.reduce(nonEmptyAxis(a, c.axis()), c.axis(), false, Naive::argmax).v();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    private static Nd transposeLast(MalformedCall c, Nd a, Nd b) {
        if (a.d().length < 2) {
            throw Naive.invalid("transpose of rank " + a.d().length);
        }
        return Naive.transpose(a, -2, -1);
    }

    private static Double item(MalformedCall c, Nd a, Nd b) {
        if (a.v().length != 1) {
            throw new Naive.Invalid(IllegalStateException.class, "item of " + a.v().length + " elements");
        }
        return a.v()[0];
    }

    private static Nd of(MalformedCall c, Nd a, Nd b) {
        int[] shape = c.ints().length == 0 ? new int[] {a.v().length} : c.ints();
        for (int d : shape) {
            if (d < 0) {
                throw Naive.invalid("negative dimension");
            }
        }
        if (Naive.size(shape) != a.v().length) {
            throw Naive.invalid("size mismatch");
        }
        return new Nd(a.v().clone(), shape);
    }

    /** y = 2a, backward seeded with b: a's gradient is 2b when b has y's shape. */
    private static Tensor backward(MalformedCall c, Tensor a, Tensor b) {
        a.mul(2.0).backward(b.detach());
        return a.grad();
    }

    private static Nd backwardReference(MalformedCall c, Nd a, Nd b) {
        if (!java.util.Arrays.equals(a.d(), b.d())) {
            throw Naive.invalid("gradOutput shape");
        }
        return Naive.map(b, (DoubleUnaryOperator) g -> 2 * g);
    }
}
