package io.jgrad.testkit;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * One row of the op table: a public differentiable {@link Tensor} method (its signature), how many
 * tensor inputs it takes, the domain of each, whether it is differentiable to order 2 on that
 * domain, and the random applications of it to check.
 */
record OpRow(String name, String signature, int arity, List<Domain> domains, boolean secondOrder,
             Arbitrary<Application> applications) {

    /** The op applied with concrete parameters (shown in {@code call}) to concrete inputs. */
    record Application(String call, Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        @Override
        public String toString() {
            return call + " with " + inputs;
        }
    }

    /** An application together with its row: what a row's property receives. */
    record Case(OpRow row, Application application) {
        /**
         * Checks autograd against central differences, and to order 2 where the row says so; then
         * that backward() into kept gradients gives what Autograd.grad gives.
         */
        void check() {
            GradientProperties.matchesCentralDifferences(application.fn(), application.inputs());
            if (row.secondOrder()) {
                GradientProperties.secondOrderMatches(application.fn(), application.inputs());
            }
            backwardIntoKeptGradientsMatchesGrad(application.fn(), application.inputs());
        }

        /**
         * A plain backward adds into gradients that zeroGrad kept (and may overwrite gradients only
         * it holds); Autograd.grad reuses nothing. Two passes, the second into the kept storage,
         * must both give Autograd.grad's values.
         */
        private static void backwardIntoKeptGradientsMatchesGrad(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
            List<Tensor> xs = inputs.stream().map(t -> t.copy().requiresGrad(true)).toList();
            Tensor out = fn.apply(xs);
            Tensor weights = Tensor.randn(new MersenneTwister(out.size()), out.shape().dims());
            Function<List<Tensor>, Tensor> loss = in -> fn.apply(in).mul(weights).sum();
            List<Tensor> expected = Autograd.grad(loss.apply(xs), xs, false);
            for (int pass = 0; pass < 2; pass++) {
                xs.forEach(Tensor::zeroGrad);
                loss.apply(xs).backward();
                for (int i = 0; i < xs.size(); i++) {
                    double[] e = expected.get(i).data();
                    double[] got = xs.get(i).grad() == null ? new double[e.length] : xs.get(i).grad().data();
                    for (int j = 0; j < e.length; j++) {
                        boolean same = Double.compare(e[j], got[j]) == 0 || Math.abs(e[j] - got[j]) <= 1e-12 * (1 + Math.abs(e[j]));
                        if (!same) {
                            throw new AssertionError("backward into kept gradients, pass " + (pass + 1) + ": input " + i
                                    + " element " + j + " is " + got[j] + ", Autograd.grad gives " + e[j]);
                        }
                    }
                }
            }
        }

        @Override
        public String toString() {
            return row.name() + ": " + application;
        }
    }

    OpRow {
        if (domains.size() != arity) {
            throw new IllegalArgumentException("row " + name + ": " + domains.size() + " domains for arity " + arity);
        }
    }

    Arbitrary<Case> cases() {
        return applications.map(a -> new Case(this, a));
    }

    /** A row for {@code x.method()} on tensors of the default shapes. */
    static OpRow unary(String name, Domain domain, boolean secondOrder, UnaryOperator<Tensor> op) {
        return new OpRow(name, name + "()", 1, List.of(domain), secondOrder, TensorArbitraries.tensors(domain)
                .map(x -> new Application("x." + name + "()", in -> op.apply(in.get(0)), List.of(x))));
    }

    /** A row for {@code x.method(c)} with a double constant c. */
    static OpRow withConstant(String name, String method, Domain domain, Arbitrary<Double> constants,
                              boolean secondOrder, BiFunction<Tensor, Double, Tensor> op) {
        Arbitrary<Application> apps = Combinators.combine(TensorArbitraries.tensors(domain), constants)
                .as((x, c) -> new Application("x." + method + "(" + c + ")", in -> op.apply(in.get(0), c), List.of(x)));
        return new OpRow(name, method + "(double)", 1, List.of(domain), secondOrder, apps);
    }

    /**
     * A row for {@code a.method(b)} on broadcast-compatible pairs: one domain for both operands
     * (generated together, so a distinct domain has no ties across them) or one per operand.
     */
    static OpRow binary(String method, boolean secondOrder, BiFunction<Tensor, Tensor, Tensor> op, Domain... domains) {
        List<Domain> perOperand = domains.length == 1 ? List.of(domains[0], domains[0]) : List.of(domains);
        return new OpRow(method, method + "(Tensor)", 2, perOperand, secondOrder,
                TensorArbitraries.broadcastPairs(domains).map(ab ->
                        new Application("a." + method + "(b)", in -> op.apply(in.get(0), in.get(1)), ab)));
    }
}
